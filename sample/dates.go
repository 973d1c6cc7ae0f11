package sample

import (
	"fmt"
	"time"

	"cldvalidator/validation"
)

// Dates are whole days since 1970-01-01, the validator's own day numbers,
// converted with the validator's calendar functions.

func fromCivil(y, m, d int) int { return int(validation.DaysFromDate(y, m, d)) }

func civil(day int) (y, m, d int) {
	t := validation.DateFromDays(int32(day))
	return t.Year(), int(t.Month()), t.Day()
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// addYears moves a date by whole years (29 February becomes 28 February).
func addYears(day, n int) int {
	y, m, d := civil(day)
	y += n
	if m == 2 && d == 29 && !isLeap(y) {
		d = 28
	}
	return fromCivil(y, m, d)
}

// fmtDate writes a day as dd/mm/yyyy.
func fmtDate(day int) string { return validation.FormatDays(int32(day)) }

func fmtDMY(d, m, y int) string { return fmt.Sprintf("%02d/%02d/%04d", d, m, y) }

// parseDMY reads exactly dd/mm/yyyy as written by fmtDate; ok is false for
// anything else, including dates that do not exist.
func parseDMY(s string) (day int, ok bool) {
	days, padded, isDate, real := validation.ParseDate(s)
	if !isDate || !real || !padded || len(s) != 10 {
		return 0, false
	}
	return int(days), true
}

// toTime converts a day to midnight UTC, for spreadsheet date cells.
func toTime(day int) time.Time { return validation.DateFromDays(int32(day)) }
