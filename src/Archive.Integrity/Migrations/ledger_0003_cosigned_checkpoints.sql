-- 国密 co-signature: checkpoints carry an SM2 (GB/T 32918, SM3) signature line beside the Ed25519 one (C2SP signed
-- notes allow several). Keys are kept with their algorithm; a rotation records the next keys after the previous ones.
ALTER TABLE ledger.verifier_keys
    ADD COLUMN algorithm text NOT NULL DEFAULT 'ed25519' CHECK (algorithm IN ('ed25519', 'sm2'));

-- The SM2 verifier key of the co-signature; null on checkpoints signed before co-signing existed.
ALTER TABLE ledger.checkpoints
    ADD COLUMN cosigner_key text REFERENCES ledger.verifier_keys (verifier_key);
