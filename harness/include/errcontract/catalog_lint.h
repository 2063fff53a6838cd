// `errcontract catalog lint`: the error table's own defects, found by rule
// (duplicate messages, missing English, placeholders, numbering gaps, typos).
#pragma once

#include <string>
#include <vector>

#include "errcontract/catalog.h"

namespace errcontract {

struct LintIssue {
  std::string code;     // the code concerned ("" for module-level issues)
  std::string rule;     // stable rule id, e.g. "lint.duplicate_message"
  std::string message;  // what is wrong
};

// Rules: lint.duplicate_message, lint.no_english, lint.placeholder,
// lint.numbering_gap, lint.typo, lint.double_period, lint.no_description.
// Extension codes are skipped (they are not the table's).
std::vector<LintIssue> lint_catalog(const Catalog& catalog);

}  // namespace errcontract
