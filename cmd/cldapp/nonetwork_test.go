package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Nothing ever leaves the machine. This test runs the real program under
// strace, following every thread and child process, and fails if any
// socket other than a local (AF_UNIX) one is opened or connected: the
// command-line check with a report, sample generation, and — where a
// display is available (CI runs the suite under Xvfb) — the desktop window
// from start-up through a finished check and every tab.
func TestNoNetworkAccess(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed (scripts/install-deps.sh installs it)")
	}
	if testing.Short() {
		t.Skip("builds and traces the program")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "cldapp")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=1")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	sampleCSV := filepath.Join(dir, "s.csv")

	runs := []struct {
		name string
		args []string
		env  []string
		gui  bool
	}{
		{"sample", []string{"sample", "--rows", "2000", "--error-rate", "0.02", "-o", sampleCSV}, nil, false},
		{"check", []string{"check", "--report", filepath.Join(dir, "r.xlsx"), "--json", filepath.Join(dir, "r.json"), sampleCSV}, nil, false},
		{"window", []string{sampleCSV}, []string{"CLDAPP_SCREENSHOT_DIR=" + filepath.Join(dir, "shots")}, true},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			if r.gui && os.Getenv("DISPLAY") == "" {
				t.Skip("no display (run under xvfb-run, as scripts/test.sh does)")
			}
			exe := bin
			if r.gui {
				// The window takes its screenshots and quits in the
				// automation build; the window's code is the release's.
				exe = buildGUIApp(t)
			}
			trace := filepath.Join(dir, r.name+".trace")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, strace, append([]string{"-f", "-qq", "-e", "trace=socket,connect", "-o", trace, exe}, r.args...)...)
			cmd.Env = append(os.Environ(), r.env...)
			out, err := cmd.CombinedOutput()
			if ctx.Err() != nil {
				t.Fatalf("timed out: %s", out)
			}
			if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() > 1 {
				t.Fatalf("exit %d: %s", ee.ExitCode(), out)
			}
			calls, bad := scanTrace(t, trace)
			if len(bad) > 0 {
				t.Fatalf("network sockets used:\n%s", strings.Join(bad, "\n"))
			}
			t.Logf("%d socket/connect calls, all local (AF_UNIX)", calls)
			if r.gui {
				shots, _ := filepath.Glob(filepath.Join(dir, "shots", "*.png"))
				if len(shots) == 0 {
					t.Fatal("the window did not get as far as showing results")
				}
			}
		})
	}
}

var familyRe = regexp.MustCompile(`(?:socket\(|sa_family=)(AF_[A-Z0-9]+)`)

// scanTrace returns the number of socket/connect calls and those whose
// address family is not AF_UNIX.
func scanTrace(t *testing.T, path string) (int, []string) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	var bad []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, "socket(") && !strings.Contains(line, "connect(") {
			continue
		}
		n++
		for _, m := range familyRe.FindAllStringSubmatch(line, -1) {
			if m[1] != "AF_UNIX" && m[1] != "AF_LOCAL" {
				bad = append(bad, line)
			}
		}
	}
	return n, bad
}
