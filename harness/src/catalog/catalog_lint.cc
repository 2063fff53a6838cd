// The lint rules of the English column and the numbering; each rule is a
// small function that appends LintIssues, so a new rule is one more function
// and one more test. The Chinese column and the raw table have their own files.
#include "errcontract/catalog_lint.h"

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "catalog/catalog_lint_rules.h"

namespace errcontract {
namespace internal {
extern const std::string_view kBuiltinErrorTable;
}  // namespace internal

namespace {

using Issues = internal::LintIssues;

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

// One issue per group of codes sharing a message, on the group's first code.
void duplicate_messages(const std::vector<const CodeEntry*>& entries, Issues& out) {
  std::map<std::string, std::vector<const CodeEntry*>> by_message;
  for (const auto* e : entries) {
    if (!e->message.empty()) by_message[message_key(e->message)].push_back(e);
  }
  for (const auto& [key, group] : by_message) {
    if (group.size() < 2) continue;
    std::string codes;
    for (const auto* e : group) codes += codes.empty() ? e->code : ", " + e->code;
    out.push_back({group.front()->code, "lint.duplicate_message",
                   fmt::format("{} share the message \"{}\": a client cannot tell the codes apart "
                               "by message",
                               codes, group.front()->message)});
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

void by_code(Issues& issues) {
  std::stable_sort(issues.begin(), issues.end(),
                   [](const LintIssue& a, const LintIssue& b) { return a.code < b.code; });
}

Issues catalog_issues(const Catalog& catalog) {
  auto entries = documented(catalog);
  Issues issues;
  duplicate_messages(entries, issues);
  missing_text(entries, issues);
  placeholders(entries, issues);
  numbering_gaps(entries, issues);
  typos(entries, issues);
  internal::lint_chinese_column(entries, issues);
  return issues;
}

void write_string(rapidjson::PrettyWriter<rapidjson::StringBuffer>& w, const char* key,
                  std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

std::vector<LintIssue> lint_catalog(const Catalog& catalog) {
  Issues issues = catalog_issues(catalog);
  by_code(issues);
  return issues;
}

std::vector<LintIssue> lint_catalog(const Catalog& catalog, std::string_view table_text) {
  Issues issues = catalog_issues(catalog);
  internal::lint_raw_table(catalog, table_text, issues);
  by_code(issues);
  return issues;
}

std::string_view builtin_error_table() { return internal::kBuiltinErrorTable; }

std::string lint_issues_json(const std::vector<LintIssue>& issues, std::size_t documented) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  std::map<std::string, int> per_rule;
  w.StartObject();
  w.Key("issues");
  w.StartArray();
  for (const auto& issue : issues) {
    w.StartObject();
    write_string(w, "code", issue.code);
    write_string(w, "rule", issue.rule);
    write_string(w, "message", issue.message);
    if (issue.line != 0) {
      w.Key("line");
      w.Uint64(issue.line);
    }
    w.EndObject();
    ++per_rule[issue.rule];
  }
  w.EndArray();
  w.Key("summary");
  w.StartObject();
  w.Key("issues");
  w.Uint64(issues.size());
  w.Key("documented");
  w.Uint64(documented);
  w.Key("rules");
  w.StartObject();
  for (const auto& [rule, count] : per_rule) {
    w.Key(rule.c_str());
    w.Int(count);
  }
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace errcontract
