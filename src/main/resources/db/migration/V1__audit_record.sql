-- The audit trail of every replica: one hash chain per writer (pod), a row per record.
-- `line` is the chained text exactly as the journal writes it (it carries the record's JSON and its hash);
-- the other columns repeat a few of its fields so that the disclosure register and the service-level
-- report find their rows by index. The verifier checks `line`, and that `seq` matches it.
CREATE TABLE audit_record (
    writer       text        NOT NULL,
    seq          bigint      NOT NULL,
    time         timestamptz NOT NULL,
    company      text,
    on_behalf_of text,
    caller       text,
    service      text,
    outcome      text        NOT NULL,
    line         text        NOT NULL,
    PRIMARY KEY (writer, seq)
);
CREATE INDEX audit_record_company ON audit_record (company, time) WHERE company IS NOT NULL;
CREATE INDEX audit_record_time ON audit_record (time);

-- What retention removed: the chain of a writer continues after `up_to_seq`, whose hash was `up_to_hash`.
-- The verifier accepts a chain that starts there and names any other missing start.
CREATE TABLE audit_retention (
    writer      text        NOT NULL,
    up_to_seq   bigint      NOT NULL,
    up_to_hash  text        NOT NULL,
    removed     bigint      NOT NULL,
    cut_before  timestamptz NOT NULL,
    exported_to text        NOT NULL,
    done_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (writer, up_to_seq)
);

-- Least privilege: the gateway may only add and read records; only maintenance (retention) may remove them.
-- Nobody but the owner (migrations) may UPDATE. The roles are created beforehand (docs/audit.md "The PostgreSQL store").
REVOKE ALL ON audit_record, audit_retention FROM PUBLIC;
GRANT SELECT, INSERT ON audit_record TO ${writer_role};
GRANT SELECT ON audit_retention TO ${writer_role};
GRANT SELECT, DELETE ON audit_record TO ${maintenance_role};
GRANT SELECT, INSERT ON audit_retention TO ${maintenance_role};
