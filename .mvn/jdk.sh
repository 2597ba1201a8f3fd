#!/bin/sh
# Prints the home of a JDK 21 or newer: JAVA_HOME when it is one, else the newest under
# /usr/lib/jvm. Prints nothing when there is none (the build then says so itself).
major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }

if [ -n "${JAVA_HOME:-}" ] && [ "$(major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  echo "$JAVA_HOME"
  exit 0
fi
best=""
best_major=0
for name in $(ls /usr/lib/jvm 2>/dev/null); do
  home="/usr/lib/jvm/$name"
  m="$(major "$home")"
  if [ -n "$m" ] && [ "$m" -gt "$best_major" ] && [ -x "$home/bin/javac" ]; then
    best="$home"
    best_major="$m"
  fi
done
if [ "$best_major" -ge 21 ]; then
  echo "$best"
fi
