package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"cldvalidator/validation"
)

// ErrSameAsInput is wrapped by the error returned when the report would be
// saved over the file that was checked.
var ErrSameAsInput = errors.New("report path is the file being checked")

// SaveError is a report that could not be saved. Error() is one
// plain-English sentence naming the file; Unwrap gives the cause.
type SaveError struct {
	Path string
	Msg  string
	Err  error
}

func (e *SaveError) Error() string { return e.Msg }
func (e *SaveError) Unwrap() error { return e.Err }

// saveAtomically writes a report through write into a temporary file in the
// target's folder, then renames it over path. The temporary file is removed
// on any error, so path is either the complete new report or unchanged.
func saveAtomically(path string, res *validation.Result, write func(w io.Writer) error) error {
	if res == nil || res.Spec == nil || res.Summary == nil || res.Table == nil {
		return &SaveError{Path: path, Msg: fmt.Sprintf("%s was not saved because there is no completed check to report on.", filepath.Base(path))}
	}
	return SaveFile(path, []string{res.Info.Path}, write)
}

// SaveFile writes any output file (a report, a converted copy, JSON)
// through write into a temporary file in the target's folder, then renames
// it over path, refusing to write over any of the inputs. The temporary
// file is removed on any error, so path is either complete or unchanged.
func SaveFile(path string, inputs []string, write func(w io.Writer) error) (err error) {
	if strings.TrimSpace(path) == "" {
		return &SaveError{Msg: "No file name was given for the output; choose where to save it."}
	}
	name := filepath.Base(path)
	abs, err := filepath.Abs(path)
	if err != nil {
		return &SaveError{Path: path, Msg: fmt.Sprintf("%s could not be saved because its location could not be worked out.", name), Err: err}
	}
	for _, in := range inputs {
		if err := refuseInput(abs, in); err != nil {
			return err
		}
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return &SaveError{Path: path, Msg: fmt.Sprintf("%s is a folder, so the report cannot be saved with that name; choose a file name.", name)}
	} else if err == nil && !fi.Mode().IsRegular() {
		// A device or a pipe (/dev/null, /dev/stdout, NUL on Windows, a
		// named pipe): written to as it is. Renaming a file over it would
		// replace the device itself.
		return writeStraight(path, abs, write)
	}
	dir := filepath.Dir(abs)
	tmp, err := os.CreateTemp(dir, ".cldreport-*.tmp")
	if err != nil {
		return createError(path, dir, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	// A replaced report keeps its permissions; a new one is readable by
	// its owner only (CreateTemp's 0600), as it may hold personal data.
	if fi, statErr := os.Stat(abs); statErr == nil {
		_ = tmp.Chmod(fi.Mode().Perm())
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return writeError(path, err)
	}
	if err = bw.Flush(); err != nil {
		return writeError(path, err)
	}
	if err = tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if err = tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err = os.Rename(tmpName, abs); err != nil {
		return renameError(path, abs, err)
	}
	return nil
}

// writeStraight writes to an existing device or pipe.
func writeStraight(path, abs string, write func(w io.Writer) error) error {
	f, err := os.OpenFile(abs, os.O_WRONLY, 0)
	if err != nil {
		return createError(path, filepath.Dir(abs), err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		f.Close()
		return writeError(path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return writeError(path, err)
	}
	if err := f.Close(); err != nil {
		return writeError(path, err)
	}
	return nil
}

// refuseInput stops an output overwriting an input file.
func refuseInput(abs string, in string) error {
	if in == "" {
		return nil
	}
	inAbs, err := filepath.Abs(in)
	if err != nil {
		inAbs = in
	}
	a, b := filepath.Clean(abs), filepath.Clean(inAbs)
	same := a == b || (caseInsensitiveFS() && strings.EqualFold(a, b))
	if !same {
		fa, errA := os.Stat(a)
		fb, errB := os.Stat(b)
		same = errA == nil && errB == nil && os.SameFile(fa, fb)
	}
	if same {
		return &SaveError{Path: abs, Err: ErrSameAsInput,
			Msg: fmt.Sprintf("Nothing was saved: %s is the file being checked, and it is never overwritten; choose another name.", filepath.Base(abs))}
	}
	return nil
}

func caseInsensitiveFS() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }

func createError(path, dir string, err error) error {
	name := filepath.Base(path)
	var msg string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		msg = fmt.Sprintf("%s could not be saved because the folder %s does not exist; choose another folder.", name, dir)
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("%s could not be saved because you do not have permission to save in the folder %s; choose another folder.", name, dir)
	case isDiskFull(err):
		msg = fmt.Sprintf("%s could not be saved because the disk is full; free some space or choose another folder.", name)
	default:
		msg = fmt.Sprintf("%s could not be saved in the folder %s (%v).", name, dir, cause(err))
	}
	return &SaveError{Path: path, Msg: msg, Err: err}
}

func writeError(path string, err error) error {
	name := filepath.Base(path)
	var msg string
	switch {
	case isDiskFull(err):
		msg = fmt.Sprintf("%s could not be saved because the disk is full; free some space or choose another folder.", name)
	default:
		msg = fmt.Sprintf("%s could not be saved because writing it failed (%v).", name, cause(err))
	}
	return &SaveError{Path: path, Msg: msg, Err: err}
}

func renameError(path, abs string, err error) error {
	name := filepath.Base(path)
	msg := fmt.Sprintf("%s could not be saved (%v).", name, cause(err))
	if _, statErr := os.Stat(abs); statErr == nil || errors.Is(err, fs.ErrPermission) || isSharingViolation(err) {
		msg = fmt.Sprintf("%s could not be saved — it may be open in Excel. Close it and try again.", name)
	}
	return &SaveError{Path: path, Msg: msg, Err: err}
}

// cause is the innermost error text, without Go's "rename a b:" prefixes
// that would repeat the temporary file's name.
func cause(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &le):
		return le.Err.Error()
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

// fileFingerprint streams a file through SHA-256, returning the hex digest
// and the number of bytes read.
func fileFingerprint(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// receipt describes the checked input for the receipt.
type receipt struct {
	SHA256 string // "" for pasted data or when the file cannot be read again
	Size   string // human-readable; "" for pasted data
	Note   string // why SHA256 is missing, when it is
}

func inputReceipt(res *validation.Result) receipt {
	if res.Info.Path == "" {
		return receipt{Note: "not applicable (pasted data)"}
	}
	if res.InputSHA256 != "" {
		return receipt{SHA256: res.InputSHA256, Size: sizeLine(res.InputSize)}
	}
	sum, n, err := fileFingerprint(res.Info.Path)
	if err != nil {
		return receipt{Note: "not available: the file could not be read again (" + cause(err) + ")"}
	}
	return receipt{SHA256: sum, Size: sizeLine(n)}
}
