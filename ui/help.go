package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"cldvalidator/validation"
)

// Help: what the old Excel macro's "instructions" sheet did, better. A
// dialog with its topics on the left (a list the keyboard can walk) and
// the topic on the right: how to use the tool, what errors, warnings and
// notes mean and what happens centrally to each, the commonest problems
// and how to fix them, which fields are masked, the CLD words, and where
// the official guidance lives. Each issue's "More about this" opens the
// topic about that kind of problem. Help > How to use…, or F1.

// helpTopic is one page of Help.
type helpTopic struct {
	id, title string
	body      func() string
}

// Topic ids that issues point to.
const (
	helpStart     = "start"
	helpSeverity  = "severity"
	helpDates     = "dates"
	helpNHS       = "nhs"
	helpLists     = "lists"
	helpCarers    = "carers"
	helpOpen      = "open"
	helpPeriods   = "periods"
	helpIdentity  = "identity"
	helpColumns   = "columns"
	helpPersonal  = "personal"
	helpGlossary  = "glossary"
	helpKeyboard  = "keyboard"
	helpGuidance  = "guidance"
	helpReportsTo = "reports"
)

var helpTopics = []helpTopic{
	{helpStart, "How to use the CLD Validator", func() string { return helpStartText }},
	{helpSeverity, "Errors, warnings and notes", severityHelp},
	{helpDates, "Problems with dates", func() string { return helpDatesText }},
	{helpNHS, "Problems with NHS Numbers", func() string { return helpNHSText }},
	{helpLists, "Values not in the list, and spellings", func() string { return helpListsText }},
	{helpCarers, "Carers known by association", func() string { return helpCarersText }},
	{helpOpen, "Open services, ended events", func() string { return helpOpenText }},
	{helpPeriods, "Reporting periods", func() string { return helpPeriodsText }},
	{helpIdentity, "People and duplicates", func() string { return helpIdentityText }},
	{helpColumns, "Columns and headers", func() string { return helpColumnsText }},
	{helpReportsTo, "Reports, printing, sharing", func() string { return helpReportsText }},
	{helpPersonal, "What is masked", personalHelp},
	{helpGlossary, "Glossary of CLD words", func() string { return helpGlossaryText }},
	{helpKeyboard, "Using the keyboard", func() string { return helpKeyboardText }},
	{helpGuidance, "Official guidance", func() string { return helpGuidanceText }},
}

// helpView is the Help dialog on show (tests read it).
type helpView struct {
	list  *listBox
	title *widget.Label
	body  *widget.Label
	scr   *container.Scroll
	dlg   *dialog.CustomDialog
	shown string // the topic shown
}

// showHelp opens Help at its first topic.
func (w *Window) showHelp() { w.showHelpTopic(helpStart) }

// showHelpTopic opens Help at a topic (or moves an open Help to it).
func (w *Window) showHelpTopic(id string) {
	idx := 0
	for i, t := range helpTopics {
		if t.id == id {
			idx = i
		}
	}
	if w.help != nil {
		w.help.list.Select(idx)
		return
	}
	h := &helpView{}
	h.title = boldLabel("")
	h.title.SizeName = theme.SizeNameSubHeadingText
	h.title.Wrapping = fyne.TextWrapWord
	h.body = wrappedLabel("")
	h.body.Selectable = true // web addresses can be copied
	h.scr = container.NewVScroll(container.NewVBox(h.title, h.body))
	h.list = newList(func() int { return len(helpTopics) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Carers and carers known by association")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(helpTopics[i].title) })
	h.list.OnSelected = func(i widget.ListItemID) {
		t := helpTopics[i]
		h.shown = t.id
		h.title.SetText(t.title)
		h.body.SetText(t.body())
		h.scr.ScrollToTop()
	}
	content := border(nil, nil, minWidth(h.list, 280), nil, h.scr)
	closeB := newButtonWithIcon("Close", theme.CancelIcon(), func() { h.dlg.Hide() })
	closeB.Importance = widget.HighImportance
	h.dlg = w.newDialog("Help", content, []*button{closeB}, closeB, nil)
	h.dlg.SetOnClosed(func() { w.help = nil })
	h.dlg.Resize(dialogSize(w.win, 1040, 680))
	w.help = h
	h.list.Select(idx)
	w.showDialog(h.dlg, h.list)
	w.observe().messageShown("Help: " + helpTopics[idx].title)
}

// helpTopicFor is the Help topic about an issue's kind of problem.
func helpTopicFor(r *validation.Rule, column string) string {
	id := r.ID
	switch {
	case strings.HasPrefix(id, "period-"):
		return helpPeriods
	case strings.HasPrefix(id, "date-"), id == "end-before-start", id == "event-after-death", id == "death-before-birth",
		id == "event-before-birth", id == "death-after-period", id == "age-under-18", id == "age-over-115":
		return helpDates
	case strings.HasPrefix(id, "nhs-number"):
		return helpNHS
	case strings.HasPrefix(id, "list-"), id == "null-text", id == "value-whitespace", id == "value-not-in-use", id == "release-mixed":
		return helpLists
	case id == "linked-count", id == "linked-person-unknown":
		return helpCarers
	case id == "open-service-outcome", id == "open-services-april", id == "event-end-outside-period",
		id == "event-start-after-period", id == "service-ended-before-period", id == "financial-assessment-outcome", id == "deceased-without-date":
		return helpOpen
	case id == "duplicate-event", id == "person-conflict", id == "no-person-id":
		return helpIdentity
	case strings.HasPrefix(id, "column-"), id == "file-note", id == "row-extra-cells", id == "file-no-data", id == "release-detected":
		return helpColumns
	case id == "mandatory-blank" || id == "not-applicable-populated":
		if column == "Event End Date" {
			return helpOpen
		}
		if strings.Contains(column, "Linked Person") || strings.Contains(column, "Caring") || strings.Contains(column, "cared for") {
			return helpCarers
		}
		return helpSeverity
	}
	if strings.Contains(column, "Date") {
		return helpDates
	}
	return helpSeverity
}

// showHelp is the issue detail's "More about this".
func (t *issuesTab) showHelp() {
	is, ok := t.selectedIssue()
	if !ok {
		t.w.showHelpTopic(helpSeverity)
		return
	}
	t.w.showHelpTopic(helpTopicFor(t.res.Rule(is), t.res.ColumnName(is)))
}

// severityHelp says what each severity means and, from the rule
// catalogue's four classes, what happens centrally.
func severityHelp() string {
	c := func(k validation.Consequence) string { return "“" + k.Label() + "”" }
	return "Every problem is an error, a warning or a note, and says what NHS England and DHSC will do with the row.\n\n" +
		"ERRORS — fix before you submit\n" +
		"What happens centrally: " + c(validation.Rejected) + ". DHSC's data-quality dashboard counts the value as Failed (a mandatory field left blank, a value not in the defined list, a date that is not a date, a Release 1 value in a Release 2 file), or the row is dropped as a data-quality failure. Correct these in your case-management system, export the file again and check it again. The Summary says \"No errors — ready to submit\" when none are left.\n\n" +
		"WARNINGS — look at each one\n" +
		"Nothing is rejected, but one of three things happens:\n" +
		"•  " + c(validation.LeftOut) + ": the row is accepted but not counted — for example an event outside the reporting period, a blank NHS Number for a person who has one on another row, or an event after the person's death. Your council's published figures will not include it.\n" +
		"•  " + c(validation.Changed) + ": central processing cleans, overwrites or maps the value — spaces trimmed, the text NULL made blank, a Release 1 spelling matched, duplicate events counted once. Check the change is what you meant.\n" +
		"•  " + c(validation.NoCentralEffect) + ": a sense check, such as an NHS Number whose check digit is wrong or a postcode that is not a full postcode. No published central process rejects it, but it is probably a mistake.\n\n" +
		"NOTES — for information\n" +
		"Notes say how the file was read (its encoding, its header row, which release it was checked against) or that a list of values is not published. They need no action and have no central effect.\n\n" +
		"Each issue's detail says which of these applies (\"What happens centrally\"), and the Summary counts them."
}

// personalHelp lists the fields masked, from the specification.
func personalHelp() string {
	var names []string
	seen := map[string]bool{}
	for _, rel := range []validation.Release{validation.R1, validation.R2} {
		s, err := validation.LoadSpec(rel)
		if err != nil {
			continue
		}
		for _, f := range s.Fields {
			if f.Personal && !seen[f.Name] {
				seen[f.Name] = true
				names = append(names, f.Name)
			}
		}
	}
	return "Your file holds personal data. Everything stays on this computer: the CLD Validator sends nothing anywhere.\n\n" +
		"These fields are masked:\n•  " + strings.Join(names, "\n•  ") + "\n\n" +
		"Masked means partly hidden, keeping enough to recognise the kind of problem: the last three digits of an NHS Number (*******918), the first letter of a name (A***), the year of a date (**/**/1950), the first half of a postcode (SW1A ***).\n\n" +
		"Where they are masked:\n" +
		"•  Copy (Ctrl+C) always masks them. To paste an NHS Number into your case-management system, use Copy with personal data (Ctrl+Shift+C, or the button beside Copy).\n" +
		"•  The Excel report, the CSV of issues, the comparison workbook and the printable summary mask them unless you tick Include personal data when you save. Only include it if the file stays inside your organisation's secure systems.\n\n" +
		"The window itself shows your data as it is in the file, so you can find and fix each record."
}

const helpStartText = "1. Open your CLD file: click Open file… (Ctrl+O), type or paste its path in the box and press Enter, drag the file onto this window, or copy the rows in Excel (including the header row) and press Ctrl+V.\n\n" +
	"2. The check starts straight away and runs on this computer only. You can keep working; Cancel (or Esc) stops it.\n\n" +
	"3. The Summary tab says whether the file is ready to submit, counts the problems by what will happen to them centrally, and shows the reporting period DHSC would work out from your data.\n\n" +
	"4. The Issues tab lists every problem. Click a rule on the left to see just those, filter by severity, column or event type, or find a person ID or row. Select an issue to see what is wrong, why it matters and the whole record; More about this opens the Help topic for that kind of problem. Click a column heading to sort by it.\n\n" +
	"5. The Records tab shows your data with problem cells coloured (red: error, amber: warning). Go to row, Next problem and All events of this person help you work through them.\n\n" +
	"6. The Charts tab shows the problems and your data as charts. Click a bar of Issues by field to see those issues; Save as picture… and Copy picture share a chart.\n\n" +
	"7. Save Excel report… (Ctrl+E) writes every issue to a workbook you can filter, print and share. File → Save printable summary… writes a one-page summary you can print or email. Personal data is masked unless you choose to include it.\n\n" +
	"8. After fixing the data, export it again and press Check (Ctrl+R). File → Compare with previous file… shows what changed since last quarter's file.\n\n" +
	"9. File → Convert to Release 2… (for a Release 1 file) shows how each value would change and saves a Release 2 copy; your file is not changed. Settings → Spec pack… uses a small file from your lead analyst that corrects or extends the rules."

const helpDatesText = "Every date is written day/month/year with four figures for the year and no time: 05/04/2025, not 5/4/25, 2025-04-05 or 05/04/2025 00:00.\n\n" +
	"Common problems and the fix:\n" +
	"•  Not a date, or written another way: Excel has often turned the column into numbers (45752) or American order. Format the date columns as Text, or as the custom format dd/mm/yyyy, before exporting.\n" +
	"•  A time after the date: set the export to dates only. It is a warning — the guidance asks for no time.\n" +
	"•  A date that does not exist (31/02/2025): correct it in the case-management system.\n" +
	"•  Event ends before it starts: one of the two dates is wrong. DHSC drops such rows as data-quality failures.\n" +
	"•  Event after the Date of Death, Date of Death before Date of Birth, events before birth: check the person's dates. DHSC replaces a Date of Death with the date registered with ONS where the person has an NHS Number, and leaves out events after death.\n" +
	"•  People under 18 or over 115: CLD covers adults; an age over 115 usually means a dummy date of birth (such as 01/01/1900).\n\n" +
	"Dates of birth and death are personal data: they are masked in copies and reports unless you ask for them."

const helpNHSText = "An NHS Number is ten digits with no spaces, for example 9434765919.\n\n" +
	"Common problems and the fix:\n" +
	"•  Blank: the NHS Number is mandatory on every row. A row with a blank NHS Number for a person who has one on another row is left out of NHS England's headcounts — the issue names the row that has it, so copy it across in the case-management system.\n" +
	"•  Not ten digits, or shown as 9.43E+09: Excel turned it into a number and dropped digits. Format the column as Text before exporting, and never let Excel open and re-save the CSV.\n" +
	"•  Spaces (943 476 5919): remove them.\n" +
	"•  Fails its check digit: the last digit is worked out from the other nine, so one digit was mistyped. Check it against the Personal Demographics Service or the person's records.\n" +
	"•  Placeholder numbers (0000000000, 9999999999 and the like): replace with the real number, or leave blank only if the person truly has none.\n\n" +
	"NHS Numbers are personal data: Copy masks them; Copy with personal data (Ctrl+Shift+C) copies one to paste into your case system."

const helpListsText = "Many fields must hold one of the values in the CLD specification's defined list, written exactly as the list writes it. The Rules tab shows every field's allowed values.\n\n" +
	"Common problems and the fix:\n" +
	"•  Value not in the list: the case-management system uses its own wording. Map it to the CLD value in your export (the issue suggests the nearest value). DHSC counts the value as Failed and NHS England leaves it out of its figures.\n" +
	"•  Different spelling, capitals or punctuation: in Release 1 a near spelling is matched centrally (a warning); in Release 2 matching is exact, so capitals and punctuation must be as listed (an error).\n" +
	"•  Release 1 values in a Release 2 file (or the other way round): Release 2 changed many values, for example Ethnicity uses \": \" instead of \" - \", and Carer became Unpaid carer. Use one release throughout; File → Convert to Release 2… shows each change.\n" +
	"•  Spaces around a value, or the text NULL: remove them; central processing trims spaces and treats NULL as blank.\n" +
	"•  Values not to be used yet (for example Self-Funder Metering Only before charging reform): choose the value that applies today.\n\n" +
	"Where a list is not confirmed from central sources (most Release 2 Primary Support Reason and Service Component values today), a value not in it is a warning that says so: check it against the AGEM specification you hold. A spec pack from your lead analyst can confirm or correct a list."

const helpCarersText = "CLD records unpaid carers in two ways:\n\n" +
	"•  Client Type Carer (Release 2: Unpaid carer): a carer the council supports, with their own requests, assessments, services and reviews, like a service user.\n" +
	"•  Client Type Carer known by association (Release 2: Unpaid carer known by association): a carer the council knows of only through the person they care for. These rows link the carer to that person: they carry the carer's personal details and Adult 1–3 Linked Person_ID, and no event details.\n\n" +
	"Common problems and the fix:\n" +
	"•  Event details on a carer known by association: Event Type, dates, outcome and the service and review fields do not apply to these rows; leave them blank.\n" +
	"•  Linked person not found: each Adult Linked Person_ID should be the LA Person Unique Identifier of a service user in the same file. Check the ID, and that the person cared for is included.\n" +
	"•  Fewer adults cared for than linked people: No. of adults being cared for should be at least the number of linked IDs, filled in order (Adult 1 first).\n" +
	"•  Carer fields (Total Hrs Caring per week, No. of adults being cared for, linked IDs) on a service user's row, or service-user fields such as Dementia on a carer's row: these apply only to the other kind of row; leave them blank."

const helpOpenText = "Only services may be open. Requests, assessments and reviews are sent once they have finished.\n\n" +
	"Common problems and the fix:\n" +
	"•  A request, assessment or review with no Event End Date: it is still in progress. Leave it out of this file and send it once it has ended.\n" +
	"•  An open service (no Event End Date) without the open-service outcome: use Event Outcome \"Provision of service\" (Release 2: \"Continuation of support or services\") while a service continues.\n" +
	"•  A service for a person who has died needs an Event End Date.\n" +
	"•  A completed event outside the reporting period, or a service that ended before the period: it is accepted but not counted. Send only events of the period.\n" +
	"•  Many open services starting on 1 April: some systems reset the start date of every open service each financial year. Central processing then cannot tell they are the same services as last year. Send the date each service really started.\n" +
	"•  A financial assessment with an outcome: financial assessments have no Event Outcome; leave it blank."

const helpPeriodsText = "Every row states the period the file covers in Reporting Period Start Date and Reporting Period End Date — the same on every row.\n\n" +
	"Files are sent each quarter and cover a rolling 12 months ending at the quarter end: for example 01/10/2024 to 30/09/2025.\n\n" +
	"Common problems and the fix:\n" +
	"•  Different periods on different rows, a start after the end, or a period that is not 12 months or not whole quarters: set the same correct pair on every row.\n" +
	"•  The stated period is not filled by the data: DHSC works out the period it will use from how many events end in each month (the Summary shows that period beside yours). If your data covers less than the stated period, some months will be missing from the figures.\n" +
	"•  No derived period: DHSC could not find a run of months with enough requests, assessments and services ending, so the file may not be used at all. Check the export includes every event type.\n" +
	"•  The period has not ended yet: DHSC only uses files sent after the period ends, so a file sent now would be ignored.\n" +
	"•  Events outside the period are left out of the figures (see Open services, ended events)."

const helpIdentityText = "Each row must say who the person is, by NHS Number and LA Person Unique Identifier, and a person's details should be the same on all their rows.\n\n" +
	"Common problems and the fix:\n" +
	"•  No way to identify the person (both blank): DHSC drops the row. Fill in at least one, ideally both.\n" +
	"•  Duplicate events: two rows with the same person, dates and event details are counted once centrally. Check whether one is a copy, or whether a detail that tells them apart is missing.\n" +
	"•  A person's details differ between rows (Primary Support Reason, Accommodation, Employment, Has Unpaid Carer, Client Funding): central processing keeps the latest. Make them agree, or check the latest is right.\n" +
	"•  NHS Number blank on some of a person's rows: see Problems with NHS Numbers."

const helpColumnsText = "The file needs the template's columns, with the header row first (or within the first few rows). Columns may be in any order.\n\n" +
	"•  Column missing: add it, even if it is empty for most rows. A missing mandatory column fails on every row.\n" +
	"•  Header spelled differently: the column is recognised whatever its capitals or spacing, but the template spells it exactly; use the template's header.\n" +
	"•  Column not in the template: remove it before submitting — it may hold personal data that should not be sent.\n" +
	"•  Values beyond the last column: usually a value with an unquoted comma in a CSV file, which shifts the rest of the row. Save the file from Excel as \"CSV UTF-8\".\n" +
	"•  Notes about how the file was read (encoding, header row, release) are for information.\n\n" +
	"A file whose first row names none of the template's columns (a letter, a report, rows copied without their header) is not checked: copy the header row too."

const helpReportsText = "•  Save Excel report… (Ctrl+E): every issue with its row, column and how to fix it, the summary, the field quality view and the rules. The sheets are set to print landscape, fitted to the page width, with the header row on every page and the file name and date at the foot.\n" +
	"•  File → Save printable summary… (Ctrl+P): the Summary as a web page to print or email (it opens in your browser; print it from there).\n" +
	"•  Save these as CSV… (Issues tab): just the issues shown, with your filters.\n" +
	"•  Charts tab: Save as picture… writes the chart as a PNG image; Copy picture puts it on the clipboard to paste into a document or email (on Windows). Click a bar of Issues by field or Field completeness to see those issues.\n" +
	"•  Issues tab: click a column heading to sort by it; click it again to reverse the order.\n" +
	"•  Compare tab: Save comparison report… writes what changed since the older file.\n\n" +
	"Each saved file masks personal data unless you tick Include personal data. The Excel report has a receipt with the file's fingerprint, so you can show the file you uploaded is the one that was checked."

const helpGlossaryText = "ASC CLD — Adult Social Care Client Level Data: one row per event per person, sent by each council every quarter.\n\n" +
	"AGEM — Arden & GEM Commissioning Support Unit, which publishes the CLD specification and runs the collection for NHS England.\n\n" +
	"Release 1 / Release 2 — the two versions of the CLD template: Release 1 from April 2023, Release 2 from the 2025 update, with changed value lists.\n\n" +
	"Event — something the council did for a person: a Request, an Assessment, a Service or a Review (Event Type).\n\n" +
	"Client Type — Service User, Carer, or Carer known by association (Release 2: Service user, Unpaid carer, Unpaid carer known by association).\n\n" +
	"Primary Support Reason — the main reason the person needs support, from a defined list.\n\n" +
	"LA Person Unique Identifier — the person's ID in your case-management system, the same on all their rows.\n\n" +
	"Linked Person_ID — on a carer's row, the LA Person Unique Identifier of an adult they care for.\n\n" +
	"Reporting period — the 12 months a file covers. The derived period is the one DHSC works out from your data.\n\n" +
	"Open service — a service still being provided: it has no Event End Date.\n\n" +
	"Defined list — the values a field may hold, spelled as the specification spells them.\n\n" +
	"Mandatory, optional, not applicable — whether a field must be filled in on a row, may be, or does not apply to that kind of row.\n\n" +
	"Passed / Failed — how DHSC's data-quality dashboard marks each value: valid, or blank where allowed, passes; invalid, or blank where mandatory, fails.\n\n" +
	"Duplicate event — rows DHSC treats as the same event and counts once.\n\n" +
	"SALT and ASCOF — the national returns and outcome measures NHS England and DHSC now work out from CLD.\n\n" +
	"Data Landing Portal (DLP) — where you upload the file to NHS England.\n\n" +
	"Masked — partly hidden personal data (see What is masked).\n\n" +
	"Spec pack — a small file from your lead analyst that corrects or extends the rules (Settings → Spec pack…)."

const helpKeyboardText = "Everything can be done from the keyboard.\n\n" +
	"•  Tab and Shift+Tab move between controls; a dark ring shows which one has the keyboard.\n" +
	"•  Enter or Space presses the button with the ring; Enter opens the selected issue in the Records tab.\n" +
	"•  In the Issues and Records tables, the arrow keys, Page Up, Page Down, Home and End move the selection.\n" +
	"•  In a drop-down, Up and Down change the choice; Space or Enter opens its list.\n" +
	"•  Esc closes a dialog, or cancels a running check.\n" +
	"•  Alt opens the menu bar; then the arrow keys and Enter choose.\n\n" +
	"Shortcuts:\n" +
	"Ctrl+O  open a file  ·  Ctrl+V  paste rows from Excel  ·  Ctrl+R  check again\n" +
	"Ctrl+E  save the Excel report  ·  Ctrl+P  save the printable summary\n" +
	"Ctrl+F  find a person or row  ·  Ctrl+G  go to a row\n" +
	"Ctrl+C  copy (personal data masked)  ·  Ctrl+Shift+C  copy with personal data\n" +
	"Ctrl+Tab / Ctrl+Shift+Tab  next / previous tab  ·  Alt+1 … Alt+7  go to a tab\n" +
	"F1  this Help"

const helpGuidanceText = "The CLD Validator checks your file against the specification as published. The official guidance is here (copy an address into your web browser):\n\n" +
	"•  Arden & GEM CSU — Adult Social Care Client Level Data: the specification, guidance and how to submit.\n" +
	"   https://www.ardengemcsu.nhs.uk/adult-social-care-client-level-data/\n\n" +
	"•  The Release 2 data specification (May 2025 update), a spreadsheet of every field and list.\n" +
	"   https://www.ardengemcsu.nhs.uk/media/4365/cld-data-specification_release_2_may_2025_update-v01.xlsx\n\n" +
	"•  NHS England — the CLD information standard and when it applies.\n" +
	"   https://nhse-sd-art-ui.metadata.works/browser/dataset/595\n\n" +
	"•  NHS England — how SALT and ASCOF figures are worked out from CLD (published method).\n" +
	"   https://github.com/NHSDigital/ASC-Client-Level-Data-SALT-ASCOF-transformations\n\n" +
	"•  DHSC — how the data-quality dashboard cleans, de-duplicates and derives reporting periods.\n" +
	"   https://github.com/DataS-DHSC/ASC-CLD-LA-Dashboard\n\n" +
	"Your council's Data Landing Portal account is where files are submitted; NHS England's collection team answers questions about submissions.\n\n" +
	"The Rules tab lists every check this tool makes, and its Technical details line names the parts of the specification and the sources each rule rests on."
