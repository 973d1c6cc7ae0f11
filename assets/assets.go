// Package assets holds the files built into the program.
package assets

import _ "embed"

// Icon is the application icon, 512×512 PNG (drawn by scripts/icon).
//
//go:embed icon.png
var Icon []byte

// SampleCSV is the bundled example file (500 rows of synthetic data with
// seeded errors; see package sample), offered on the window's first page.
//
//go:embed sample_cld_r1.csv
var SampleCSV []byte

// SampleName is the example file's name.
const SampleName = "sample_cld_r1.csv"
