-- CNT-5: a second mobile number per account, confirmed by an SMS code to it. It helps the citizen
-- back in when the main phone is lost, so a typed number must lead to one account only: hence
-- unique. It never equals the account's own main phone; the service also keeps other accounts'
-- main phones out.
CREATE TABLE backup_phones
(
    account_id   UUID PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    phone        TEXT        NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    confirmed_at TIMESTAMPTZ NOT NULL
);
