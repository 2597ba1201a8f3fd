#!/usr/bin/env bash
# Refreshes the list of throw-away mailbox domains refused as contact e-mail (CNT-1) from the
# community list disposable-email-domains (CC0). Keeps the header of the shipped file, with its
# Updated and Provenance lines rewritten, and replaces the domains.
#
#   scripts/update-disposable-domains.sh            download from GitHub
#   scripts/update-disposable-domains.sh FILE       use a copy fetched elsewhere (offline build hosts)
#
# Review the diff before committing: a domain that suddenly appears may be a real provider.
set -euo pipefail

UPSTREAM="https://raw.githubusercontent.com/disposable-email-domains/disposable-email-domains/main/disposable_email_blocklist.conf"
# Far fewer lines than this means a truncated download or an error page, not a list.
MIN_ENTRIES=1000

root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/main/resources/contacts/disposable-domains.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 1 ]]; then
    cp -- "$1" "$work/upstream"
    origin="$UPSTREAM (a copy supplied by hand)"
else
    curl --fail --silent --show-error --location --retry 3 --max-time 120 -o "$work/upstream" "$UPSTREAM"
    origin="$UPSTREAM"
fi

# Lower case, no comments, no blanks, no carriage returns; one sorted entry per domain.
tr -d '\r' < "$work/upstream" | sed -e 's/#.*//' -e 's/[[:space:]]//g' | tr '[:upper:]' '[:lower:]' \
    | grep -v '^$' | LC_ALL=C sort -u > "$work/domains"

if bad="$(grep -Ev '^[a-z0-9-]+(\.[a-z0-9-]+)+$' "$work/domains")"; then
    echo "refusing to update: lines that are not domain names:" >&2
    echo "$bad" | head -20 >&2
    exit 1
fi
count="$(wc -l < "$work/domains")"
if (( count < MIN_ENTRIES )); then
    echo "refusing to update: only $count domains, expected at least $MIN_ENTRIES" >&2
    exit 1
fi

{
    sed -n '/^#/!q; p' "$target" | awk -v date="$(date -u +%F)" -v origin="$origin" '
        /^# Updated:/ { print "# Updated: " date; next }
        /^# Provenance:/ { print "# Provenance: downloaded by scripts/update-disposable-domains.sh from"; print "#         " origin; skip = 1; next }
        skip && /^#         / { next }
        { skip = 0; print }'
    echo
    cat "$work/domains"
} > "$work/new"
mv "$work/new" "$target"
echo "$count domains written to ${target#"$root"/}"
