// Command ledger-verify checks the archive's ledger evidence with Go's own
// golang.org/x/mod/sumdb/note and sumdb/tlog, independently of the archive's code.
//
// It reads a folder laid out like the archive/ folder of an offline bag:
//
//	verifier-key.txt       the note verifier key <name>+<hex8>+<base64>
//	checkpoint.txt         a signed checkpoint (C2SP tlog-checkpoint in a signed note)
//	ledger-entry.json      the exact entry bytes
//	inclusion-proof.json   {"leafIndex":i,"treeSize":n,"hashes":["<base64>",…]}
//
// and, when present, a second checkpoint and the consistency proof between the two:
//
//	old-checkpoint.txt     an earlier signed checkpoint
//	consistency-proof.json {"from":m,"to":n,"hashes":[…]}
//
// Build (Debian: golang-go, golang-golang-x-mod-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o ledger-verify ./tools/ledger-verify
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type checkpoint struct {
	origin string
	size   int64
	root   tlog.Hash
}

type proof struct {
	LeafIndex int64    `json:"leafIndex"`
	TreeSize  int64    `json:"treeSize"`
	From      int64    `json:"from"`
	To        int64    `json:"to"`
	Hashes    []string `json:"hashes"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ledger-verify DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
	vkey, err := read("verifier-key.txt")
	if err != nil {
		return err
	}
	verifier, err := note.NewVerifier(strings.TrimSpace(string(vkey)))
	if err != nil {
		return fmt.Errorf("verifier key: %w", err)
	}
	cp, err := openCheckpoint(read, "checkpoint.txt", verifier)
	if err != nil {
		return err
	}
	fmt.Printf("OK checkpoint signed by %s: origin %q, size %d\n", verifier.Name(), cp.origin, cp.size)

	entry, err := read("ledger-entry.json")
	if err != nil {
		return err
	}
	var inclusion proof
	if err := readJSON(read, "inclusion-proof.json", &inclusion); err != nil {
		return err
	}
	if inclusion.TreeSize != cp.size {
		return fmt.Errorf("inclusion proof is for tree size %d, checkpoint has %d", inclusion.TreeSize, cp.size)
	}
	hashes, err := decodeHashes(inclusion.Hashes)
	if err != nil {
		return err
	}
	if err := tlog.CheckRecord(tlog.RecordProof(hashes), cp.size, cp.root, inclusion.LeafIndex, tlog.RecordHash(entry)); err != nil {
		return fmt.Errorf("inclusion of entry %d: %w", inclusion.LeafIndex, err)
	}
	fmt.Printf("OK entry %d is in the tree of size %d\n", inclusion.LeafIndex, cp.size)

	if _, err := os.Stat(filepath.Join(dir, "old-checkpoint.txt")); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	old, err := openCheckpoint(read, "old-checkpoint.txt", verifier)
	if err != nil {
		return err
	}
	var consistency proof
	if err := readJSON(read, "consistency-proof.json", &consistency); err != nil {
		return err
	}
	if consistency.From != old.size || consistency.To != cp.size {
		return fmt.Errorf("consistency proof is for %d→%d, checkpoints are %d→%d", consistency.From, consistency.To, old.size, cp.size)
	}
	hashes, err = decodeHashes(consistency.Hashes)
	if err != nil {
		return err
	}
	if err := tlog.CheckTree(tlog.TreeProof(hashes), cp.size, cp.root, old.size, old.root); err != nil {
		return fmt.Errorf("consistency %d→%d: %w", old.size, cp.size, err)
	}
	fmt.Printf("OK tree of size %d is consistent with tree of size %d\n", cp.size, old.size)
	return nil
}

func openCheckpoint(read func(string) ([]byte, error), name string, v note.Verifier) (checkpoint, error) {
	msg, err := read(name)
	if err != nil {
		return checkpoint{}, err
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return checkpoint{}, fmt.Errorf("%s: %w", name, err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 {
		return checkpoint{}, fmt.Errorf("%s: malformed checkpoint body", name)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return checkpoint{}, fmt.Errorf("%s: bad tree size %q", name, lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, fmt.Errorf("%s: bad root hash", name)
	}
	var h tlog.Hash
	copy(h[:], root)
	return checkpoint{origin: lines[0], size: size, root: h}, nil
}

func readJSON(read func(string) ([]byte, error), name string, v any) error {
	data, err := read(name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func decodeHashes(in []string) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(in))
	for i, s := range in {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != tlog.HashSize {
			return nil, fmt.Errorf("proof hash %d is not a base64 SHA-256", i)
		}
		copy(out[i][:], b)
	}
	return out, nil
}
