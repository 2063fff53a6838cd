// `errcontract catalog lint`: the error table's own defects, found by rule
// (duplicate messages, missing English, placeholders, numbering gaps, typos,
// the Chinese column, and the raw table's escapes and column splits).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"

namespace errcontract {

struct LintIssue {
  std::string code;      // the code concerned ("" for module-level issues)
  std::string rule;      // stable rule id, e.g. "lint.duplicate_message"
  std::string message;   // what is wrong
  std::size_t line = 0;  // the row's line in the raw table, 0 when the issue is not of one row
};

// Rules on the catalog: lint.duplicate_message (once per group of codes),
// lint.no_english, lint.placeholder, lint.numbering_gap, lint.typo,
// lint.double_period, lint.no_description; on its Chinese column:
// lint.zh_punctuation, lint.zh_space, lint.number_mismatch. Extension codes
// are skipped (they are not the table's). Issues are ordered by code.
std::vector<LintIssue> lint_catalog(const Catalog& catalog);

// The same, plus the rules that read the table as written (`table_text`, the
// text of docs/error-codes.txt): lint.raw_escape, lint.column_split,
// lint.table_mismatch.
std::vector<LintIssue> lint_catalog(const Catalog& catalog, std::string_view table_text);

// The table the built-in catalog was made from (docs/error-codes.txt compiled in).
std::string_view builtin_error_table();

// {"issues": [{"code", "rule", "message", "line"?}], "summary": {"issues",
// "documented", "rules": {rule: count}}}: the lint for tools.
std::string lint_issues_json(const std::vector<LintIssue>& issues, std::size_t documented);

}  // namespace errcontract
