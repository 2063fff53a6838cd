// The HTML report's inline style sheet and script (html_reporter.cc): kept
// apart from the markup so that each reads as what it is. Both are inlined
// into the page, which loads nothing from anywhere.
#pragma once

#include <string_view>

namespace errcontract::internal {

// Screen and print (@media print) styles; verdict colours meet WCAG AA
// contrast for their text, and every verdict also has an icon and a word.
extern const std::string_view kHtmlStyle;

// Filters by module and verdict, opens a case's <details> when a link
// targets it, opens them all before printing. When it has run, the grid
// carries data-documented-cells (the number of documented code cells) and
// <html> data-script="ran". Without it the page shows everything.
extern const std::string_view kHtmlScript;

// fuzz-api's page (fuzz_html_report.cc) adds these to kHtmlStyle: its two
// tables, rows with violations marked (colour, an icon and a word).
extern const std::string_view kFuzzHtmlStyle;

// fuzz-api's page: a checkbox that shows only the endpoints with violations,
// and a count of the rows shown. When it has run, the endpoint table carries
// data-endpoint-rows (its number of rows) and <html> data-script="ran".
extern const std::string_view kFuzzHtmlScript;

}  // namespace errcontract::internal
