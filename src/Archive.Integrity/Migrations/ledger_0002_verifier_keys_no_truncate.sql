-- verifier_keys was the one ledger table without a TRUNCATE guard (a statement trigger; row triggers never see TRUNCATE).
CREATE TRIGGER verifier_keys_no_truncate BEFORE TRUNCATE ON ledger.verifier_keys
    FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
