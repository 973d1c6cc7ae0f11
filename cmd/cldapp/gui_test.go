package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// buildGUIApp builds cldapp once per test binary: the automation build
// (automation.go), which keeps its crash logs where CLDAPP_LOG_DIR says and
// can be told to act as if there were no OpenGL (CLDAPP_FORCE_NO_GL).
var builtGUIApp string

func buildGUIApp(t *testing.T) string {
	t.Helper()
	if builtGUIApp != "" {
		return builtGUIApp
	}
	dir, err := os.MkdirTemp("", "cldapp-test-*")
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "cldapp")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	out, err := exec.Command("go", "build", "-tags", "automation", "-o", exe, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	builtGUIApp = exe
	return exe
}

func guiSampleCopy(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "sample_cld_r1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "CLD Q2.csv")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runGUIApp(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(buildGUIApp(t), args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Env = append(cmd.Env, "CLDAPP_NO_BROWSER=1", "CLDAPP_LOG_DIR="+t.TempDir())
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &ee):
		return ee.ExitCode(), string(out)
	}
	t.Fatal(err)
	return -1, ""
}

// Where the window cannot be created (no OpenGL 2.1), a file given on the
// command line (or dropped onto the .exe) is still checked: the Excel
// report and an HTML summary are written next to it, a plain message says
// so, and the exit code is the command line's.
func TestNoWindowFallbackWritesReports(t *testing.T) {
	dir := t.TempDir()
	in := guiSampleCopy(t, dir)
	code, out := runGUIApp(t, []string{"CLDAPP_FORCE_NO_GL=1"}, in)
	if code != exitErrors {
		t.Errorf("exit code %d, want %d (the sample has errors)\n%s", code, exitErrors, out)
	}
	xlsx := filepath.Join(dir, "CLD Q2 - CLD report.xlsx")
	html := filepath.Join(dir, "CLD Q2 - CLD summary.html")
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatalf("no Excel report: %v\n%s", err, out)
	}
	if len(f.GetSheetList()) < 2 {
		t.Errorf("report sheets %v", f.GetSheetList())
	}
	f.Close()
	h, err := os.ReadFile(html)
	if err != nil || !strings.Contains(string(h), "must be fixed before submission") {
		t.Errorf("HTML summary missing or without a verdict: %v", err)
	}
	for _, want := range []string{"cannot show the CLD Validator window", "checked anyway", xlsx, "masked"} {
		if !strings.Contains(out, want) {
			t.Errorf("message lacks %q:\n%s", want, out)
		}
	}
}

// Without a file, the message says how to check one without the window.
func TestNoWindowFallbackWithoutFile(t *testing.T) {
	code, out := runGUIApp(t, []string{"CLDAPP_FORCE_NO_GL=1"})
	if code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	if !strings.Contains(out, "drag your CLD file") || !strings.Contains(out, "cldapp.exe") {
		t.Errorf("message:\n%s", out)
	}
}

// A file that cannot be read is reported in plain English, exit code 2.
func TestNoWindowFallbackUnreadableFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "missing.xlsx")
	code, out := runGUIApp(t, []string{"CLDAPP_FORCE_NO_GL=1"}, p)
	if code != exitUsage || !strings.Contains(out, "missing.xlsx: could not be checked") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// The probe itself: it passes where there is a display with OpenGL (CI
// runs the tests under Xvfb with Mesa) and fails without one, so the
// fallback is taken on a machine that cannot draw.
func TestGLProbe(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the no-display case is Linux-specific")
	}
	code, out := runGUIApp(t, []string{"DISPLAY=", "WAYLAND_DISPLAY="}, glProbeArg)
	if code == 0 {
		t.Errorf("probe passed without a display:\n%s", out)
	}
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run to test the passing case")
	}
	code, out = runGUIApp(t, nil, glProbeArg)
	if code != 0 || !strings.HasPrefix(out, "OK: OpenGL") {
		t.Errorf("probe failed on this display (exit %d):\n%s", code, out)
	}
}

// Outputs go to Documents when the file's folder cannot be written.
func TestFallbackOutputsWhenFolderReadOnly(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, "Documents"), 0o755)
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	x, h, err := fallbackOutputs(filepath.Join(home, "no-such-folder", "CLD.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(x) != filepath.Join(home, "Documents") || !strings.HasSuffix(h, "CLD - CLD summary.html") {
		t.Errorf("outputs %q, %q", x, h)
	}
}

// FyneApp.toml (read by Fyne's packaging tools) and the constants the
// program uses must agree.
func TestAppMetadataMatchesFyneAppToml(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if ok {
			got[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	want := map[string]string{"ID": appID, "Name": appName, "Version": appVersion, "Build": strconv.Itoa(appBuild), "Icon": "assets/icon.png"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("FyneApp.toml %s = %q, the program uses %q", k, got[k], v)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", got["Icon"])); err != nil {
		t.Errorf("icon: %v", err)
	}
}
