// Package scan checks the built site for identifying data before it is
// published: the last line of defence behind package anonymise.
//
// Every output file (HTML text, attribute values and comments, JSON, CSV,
// XML, JavaScript, search indexes) is read as text and searched, in one pass
// per file, for
//
//   - every identifying value from the private datasets (provider names and
//     codes, site and person names), passed in as Terms with the data file,
//     row and column they came from; and
//   - personal-data patterns: NHS numbers (with a valid modulus-11 check
//     digit), e-mail addresses, UK telephone numbers and UK postcodes.
//
// Any hit is an error naming the output file and its line, the text found,
// the source file that produced the output, and where the text came from
// (the term's data cell, or which pattern matched). Exact values on the
// allow-list (a public contact address, say) are not reported.
//
// # Normalisation
//
// Before matching, text is decoded and normalised, so that a name cannot
// slip through by being written differently:
//
//   - HTML and XML: character references (&amp;, &nbsp;, &#39;) are
//     decoded; tags are removed, inline ones (b, i, em, strong, span, a,
//     abbr, …) without a trace and all others as a word break, so that
//     "North<b>wick</b>" reads "Northwick"; attribute values and comments are
//     scanned too, percent-encoding (%20) decoded; <script> and <style>
//     contents are scanned as script.
//   - JSON and JavaScript (and <script> contents): backslash escapes
//     (\u0026, \n, \") are decoded, and so are character references.
//   - Everywhere: every run of whitespace, including newlines, tabs,
//     no-break and other Unicode spaces, becomes one space; soft hyphens and
//     zero-width characters are dropped; typographic dashes and quotes become
//     their plain forms.
//
// Identifying values are then matched on a key (fold.go) that ignores
// case, reads hyphens and underscores as spaces (so a URL slug
// "northwick-park" matches "Northwick Park") and "&" as "and", takes the
// Unicode compatibility form (fullwidth "ＺＡ００６" is "ZA006"), drops
// accents, and maps letters and digits to their TR39 confusable skeletons
// (a Cyrillic "а" is an "a", "0" an "o"); and only as whole words:
// "Leeds" does not match inside "Leedsfield". Short forms of organisation
// types are read as what they stand for ("NHS FT" as "NHS Foundation
// Trust", abbrev.go), and codes are matched across separators ("ZA 010",
// "Z.A.0.1.0", codes.go).
//
// # Documents
//
// PDFs and office files (Word, Excel, PowerPoint, OpenDocument) are read
// for their text and scanned like pages (document.go, pdf.go); a document
// whose text cannot be read is reported with the pattern Unreadable,
// naming the file, so that nothing unchecked is published. Other binary
// files (images, fonts, archives, and anything holding NUL bytes) are not
// scanned.
//
// # Terms too short to scan
//
// A term is skipped, with a warning at its origin, when after normalisation
// it has fewer than 4 letters and digits, or fewer than 3 if it mixes
// letters and digits (a code like "R1A"), or when it is a number of fewer
// than 6 digits: shorter values would match ordinary words, years and
// counts all over the site. A skipped value is not checked, so columns that
// hold such values must never be shown.
//
// # Patterns
//
// NHS numbers are 10 digits, together or spaced or hyphenated 3-3-4, whose
// last digit is the modulus-11 check digit of the first nine (weights 10 to
// 2; a remainder giving 11 means 0; 10 is never valid). Telephone numbers
// are UK numbers starting 01, 02, 03, 07 or 080 (10 or 11 digits as each
// range requires), or +44 forms with an optional (0), written with spaces
// or hyphens between groups of at least three digits (after +44 the first
// group may be shorter, as in +44 20 7946 0958; brackets around the area
// code are allowed). Postcodes are full UK postcodes in capitals ("SW1A
// 1AA", "M1 1AE"), with or without the space. E-mail addresses need a
// domain with a dot and a top-level domain of letters that is not an image
// or script extension ("logo@2x.png" is not an address).
package scan
