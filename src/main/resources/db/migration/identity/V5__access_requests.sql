-- Access restored through support (ACC-5, CNT-7): a person who lost both the phone and the e-mail
-- of an account hands in a passport scan and a new phone. An operator checks that scan exactly as
-- one for identity confirmation (ACC-2), so both kinds live in identity_documents, told apart by
-- what the check is for.
ALTER TABLE identity_documents
    ADD COLUMN purpose TEXT NOT NULL DEFAULT 'CONFIRMATION'
        CHECK (purpose IN ('CONFIRMATION', 'ACCESS_RECOVERY'));
-- Every row so far was a confirmation; from now on each insert names its purpose.
ALTER TABLE identity_documents ALTER COLUMN purpose DROP DEFAULT;

-- One confirmation waits per account: a new upload takes the place of the waiting one. Access
-- requests are not limited here: a request made in someone else's name must not push out the
-- owner's own, so the operator sees them side by side.
CREATE UNIQUE INDEX identity_documents_one_pending_confirmation ON identity_documents (account_id)
    WHERE status = 'PENDING' AND purpose = 'CONFIRMATION';

-- The phone an access request asks the account to move to, confirmed by an SMS code to it when
-- the request was made, and where the request came from.
CREATE TABLE access_requests
(
    document_id UUID PRIMARY KEY REFERENCES identity_documents (id) ON DELETE CASCADE,
    new_phone   TEXT NOT NULL,
    source_ip   TEXT
);
