// The lint rules read the catalog only; each rule is a small function that
// appends LintIssues, so a new rule is one more function and one more test.
#include "errcontract/catalog_lint.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace errcontract {
namespace {

using Issues = std::vector<LintIssue>;

std::vector<const CodeEntry*> documented(const Catalog& catalog) {
  std::vector<const CodeEntry*> out;
  for (const auto& e : catalog.entries()) {
    if (!e.is_extension()) out.push_back(&e);
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Messages compared without case and trailing periods: "Bucket not found."
// and "bucket not found" cannot tell a client which code it got either.
std::string message_key(std::string_view message) {
  std::string key = lower(message);
  while (!key.empty() && (key.back() == '.' || key.back() == ' ')) key.pop_back();
  return key;
}

void duplicate_messages(const std::vector<const CodeEntry*>& entries, Issues& out) {
  std::map<std::string, std::vector<std::string>> by_message;
  for (const auto* e : entries) {
    if (!e->message.empty()) by_message[message_key(e->message)].push_back(e->code);
  }
  for (const auto* e : entries) {
    if (e->message.empty()) continue;
    const auto& codes = by_message[message_key(e->message)];
    if (codes.size() < 2) continue;
    std::string others;
    for (const auto& c : codes) {
      if (c == e->code) continue;
      others += others.empty() ? c : ", " + c;
    }
    out.push_back({e->code, "lint.duplicate_message",
                   fmt::format("message \"{}\" is also the message of {}: a client cannot tell "
                               "the codes apart by message",
                               e->message, others)});
  }
}

void missing_text(const std::vector<const CodeEntry*>& entries, Issues& out) {
  for (const auto* e : entries) {
    if (e->message.empty()) {
      out.push_back({e->code, "lint.no_english",
                     "the table gives no English message; any non-empty message is accepted"});
    }
    if (e->description_zh.empty()) {
      out.push_back({e->code, "lint.no_description", "the table gives no Chinese description"});
    }
  }
}

void placeholders(const std::vector<const CodeEntry*>& entries, Issues& out) {
  for (const auto* e : entries) {
    if (e->message.find("...") != std::string::npos) {
      out.push_back({e->code, "lint.placeholder",
                     fmt::format("message \"{}\" holds a \"...\" placeholder; the real format is "
                                 "unknown, so it is matched by prefix",
                                 e->message)});
    } else if (e->message.find("..") != std::string::npos) {
      out.push_back({e->code, "lint.double_period",
                     fmt::format("message \"{}\" has a doubled period", e->message)});
    }
  }
}

void numbering_gaps(const std::vector<const CodeEntry*>& entries, Issues& out) {
  std::map<std::string, std::vector<int>> details;  // level+module -> detail numbers
  for (const auto* e : entries) {
    details[e->code.substr(0, 3)].push_back(std::stoi(e->detail));
  }
  for (auto& [prefix, numbers] : details) {
    std::sort(numbers.begin(), numbers.end());
    int expected = 1;
    for (int n : numbers) {
      if (n > expected) {
        std::string missing = fmt::format("{}{:02d}", prefix, expected);
        if (n - 1 > expected) missing += fmt::format("..{}{:02d}", prefix, n - 1);
        out.push_back({fmt::format("{}{:02d}", prefix, n), "lint.numbering_gap",
                       fmt::format("module {} skips {}", prefix.substr(1), missing)});
      }
      expected = n + 1;
    }
  }
}

// Misspellings seen in API error texts; each maps to its correction.
struct Typo {
  const char* wrong;
  const char* right;
};
constexpr Typo kTypos[] = {
    {"reflesh", "refresh"},
    {"domian", "domain"},
    {"occured", "occurred"},
    {"insuffcient", "insufficient"},
    {"founded", "found"},
    {"setted", "set"},
    {"binded", "bound"},
    {"authenticationed", "authenticated"},
    {"parms", "params"},
    {"unsupport", "unsupported"},
    {"cant't", "can't"},
    {"cant", "can't"},
    {"is not belong", "does not belong"},
    {"is not exists", "does not exist"},
    {"has exists", "already exists"},
    {"are already bound", "is already bound"},
    {"verify is fail", "verification failed"},
    {"must less than", "must be less than"},
    {"can bucket", "cdn bucket"},
    {"validate purge rule", "invalid purge rule"},
};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\''; }

bool contains_word(const std::string& haystack, std::string_view needle) {
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    bool start_ok = pos == 0 || !is_word_char(haystack[pos - 1]);
    std::size_t end = pos + needle.size();
    bool end_ok = end >= haystack.size() || !is_word_char(haystack[end]);
    if (start_ok && end_ok) return true;
  }
  return false;
}

void typos(const std::vector<const CodeEntry*>& entries, Issues& out) {
  for (const auto* e : entries) {
    std::string text = lower(e->message);
    for (const auto& typo : kTypos) {
      if (contains_word(text, typo.wrong)) {
        out.push_back({e->code, "lint.typo",
                       fmt::format("\"{}\" in \"{}\" should read \"{}\"", typo.wrong, e->message,
                                   typo.right)});
      }
    }
  }
}

}  // namespace

std::vector<LintIssue> lint_catalog(const Catalog& catalog) {
  auto entries = documented(catalog);
  Issues issues;
  duplicate_messages(entries, issues);
  missing_text(entries, issues);
  placeholders(entries, issues);
  numbering_gaps(entries, issues);
  typos(entries, issues);
  std::stable_sort(issues.begin(), issues.end(),
                   [](const LintIssue& a, const LintIssue& b) { return a.code < b.code; });
  return issues;
}

}  // namespace errcontract
