// The lint rule groups of `errcontract catalog lint`, one file each:
// catalog_lint.cc (the English column and the numbering), catalog_lint_chinese.cc
// (the Chinese column), catalog_lint_table.cc (the raw table text).
#pragma once

#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/catalog_lint.h"

namespace errcontract::internal {

using LintIssues = std::vector<LintIssue>;

// lint.zh_punctuation, lint.zh_space, lint.number_mismatch.
void lint_chinese_column(const std::vector<const CodeEntry*>& entries, LintIssues& out);

// lint.raw_escape, lint.column_split, lint.table_mismatch: the table as
// written (docs/error-codes.txt) against the catalog.
void lint_raw_table(const Catalog& catalog, std::string_view table_text, LintIssues& out);

}  // namespace errcontract::internal
