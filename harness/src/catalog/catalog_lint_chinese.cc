// The lint rules of the Chinese column (description_zh): punctuation of two
// widths, stray spaces, and numbers that disagree with the English column.
// The table was typed by hand with a Chinese IME, which is where these come from.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "catalog/catalog_lint_rules.h"
#include "errcontract/utf8.h"

namespace errcontract::internal {
namespace {

// The code points of a well-formed UTF-8 string (ill-formed bytes become U+FFFD).
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0; pos < text.size();) {
    const Utf8Step step = utf8_step(text, pos);
    if (!step.valid) {
      out.push_back(0xFFFD);
    } else {
      const auto lead = static_cast<unsigned char>(text[pos]);
      char32_t c = step.length == 1   ? lead
                   : step.length == 2 ? lead & 0x1F
                   : step.length == 3 ? lead & 0x0F
                                      : lead & 0x07;
      for (std::size_t i = 1; i < step.length; ++i) {
        c = (c << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
      }
      out.push_back(c);
    }
    pos += step.length;
  }
  return out;
}

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Full-width punctuation of Chinese text, and the half-width marks an IME
// gives when it is switched to English.
bool is_full_width_punct(char32_t c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019;
}
bool is_half_width_punct(char32_t c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
         c == ')';
}

std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string listed(const std::set<char32_t>& marks) {
  std::string out;
  for (char32_t c : marks) out += (out.empty() ? "" : " ") + utf8(c);
  return out;
}

// Half-width marks counted only next to Chinese: "(仅允许字母数字和 * / . % + - _)"
// lists ASCII characters, which are not punctuation.
struct Punctuation {
  std::set<char32_t> full, half;
  bool final_half_period = false;  // "请求校验失败."
};

Punctuation punctuation_of(const std::vector<char32_t>& text) {
  Punctuation p;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (is_full_width_punct(c)) p.full.insert(c);
    if (!is_half_width_punct(c)) continue;
    const bool after_han = i > 0 && is_han(text[i - 1]);
    const bool before_han = i + 1 < text.size() && is_han(text[i + 1]);
    if (after_han || before_han) p.half.insert(c);
    if (c == '.' && after_han && i + 1 == text.size()) p.final_half_period = true;
  }
  return p;
}

// The table writes its Chinese punctuation half-width (",", "(") far more
// often than full-width; a row that uses the other width, or both, stands out.
void punctuation(const std::vector<const CodeEntry*>& entries, LintIssues& out) {
  int half_rows = 0, full_rows = 0;
  std::vector<std::pair<const CodeEntry*, Punctuation>> rows;
  for (const auto* e : entries) {
    Punctuation p = punctuation_of(code_points(e->description_zh));
    half_rows += p.half.empty() ? 0 : 1;
    full_rows += p.full.empty() ? 0 : 1;
    rows.emplace_back(e, std::move(p));
  }
  const bool column_half = half_rows >= full_rows;
  for (const auto& [e, p] : rows) {
    if (!p.full.empty() && !p.half.empty()) {
      out.push_back({e->code, "lint.zh_punctuation",
                     fmt::format("\"{}\" mixes full-width ({}) and half-width ({}) punctuation",
                                 e->description_zh, listed(p.full), listed(p.half))});
    } else if (column_half && !p.full.empty()) {
      out.push_back({e->code, "lint.zh_punctuation",
                     fmt::format("\"{}\" uses full-width punctuation ({}) where the column writes "
                                 "half-width (, ( ))",
                                 e->description_zh, listed(p.full))});
    } else if (!column_half && !p.half.empty()) {
      out.push_back({e->code, "lint.zh_punctuation",
                     fmt::format("\"{}\" uses half-width punctuation ({}) where the column writes "
                                 "full-width",
                                 e->description_zh, listed(p.half))});
    }
    if (p.final_half_period) {
      out.push_back({e->code, "lint.zh_punctuation",
                     fmt::format("\"{}\" ends with a half-width period after Chinese text; no "
                                 "other description ends with a period",
                                 e->description_zh)});
    }
  }
}

// A space between two Chinese characters, next to full-width punctuation, at
// either end or doubled: none of them separates words in Chinese.
void spaces(const std::vector<const CodeEntry*>& entries, LintIssues& out) {
  for (const auto* e : entries) {
    const std::vector<char32_t> text = code_points(e->description_zh);
    std::vector<std::string> where;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != ' ') continue;
      const char32_t before = i > 0 ? text[i - 1] : 0;
      const char32_t after = i + 1 < text.size() ? text[i + 1] : 0;
      if (before == 0 || after == 0) {
        where.push_back(before == 0 ? "at the start" : "at the end");
      } else if (before == ' ') {
        where.push_back("doubled");
      } else if (is_han(before) && is_han(after)) {
        where.push_back(fmt::format("between \"{}\" and \"{}\"", utf8(before), utf8(after)));
      } else if (is_full_width_punct(before) || is_full_width_punct(after)) {
        where.push_back(
            fmt::format("next to \"{}\"", utf8(is_full_width_punct(after) ? after : before)));
      }
    }
    if (where.empty()) continue;
    std::string text_where;
    for (const auto& w : where) text_where += (text_where.empty() ? "" : ", ") + w;
    out.push_back({e->code, "lint.zh_space",
                   fmt::format("\"{}\" has a stray space ({})", e->description_zh, text_where)});
  }
}

// The numbers written in digits, and the Chinese numerals one to ten.
std::set<long long> numbers_in(const std::vector<char32_t>& text) {
  static constexpr char32_t kNumerals[] = {U'一', U'二', U'三', U'四', U'五',
                                           U'六', U'七', U'八', U'九', U'十'};
  std::set<long long> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      long long n = 0;
      for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        n = std::min(n * 10 + (text[i] - '0'), 1'000'000'000'000LL);
      }
      out.insert(n);
      --i;
    } else if (auto* it = std::find(std::begin(kNumerals), std::end(kNumerals), text[i]);
               it != std::end(kNumerals)) {
      out.insert(it - std::begin(kNumerals) + 1);
    }
  }
  return out;
}

std::string joined(const std::set<long long>& numbers) {
  std::string out;
  for (long long n : numbers) out += (out.empty() ? "" : ", ") + std::to_string(n);
  return out;
}

// Both columns state a limit, and not the same one: 21904 says "30 days" in
// English and "3月" (3 months) in Chinese.
void numbers(const std::vector<const CodeEntry*>& entries, LintIssues& out) {
  for (const auto* e : entries) {
    const auto english = numbers_in(code_points(e->message));
    const auto chinese = numbers_in(code_points(e->description_zh));
    if (english.empty() || chinese.empty() || english == chinese) continue;
    out.push_back({e->code, "lint.number_mismatch",
                   fmt::format("the English \"{}\" says {} where the Chinese \"{}\" says {}",
                               e->message, joined(english), e->description_zh, joined(chinese))});
  }
}

}  // namespace

void lint_chinese_column(const std::vector<const CodeEntry*>& entries, LintIssues& out) {
  punctuation(entries, out);
  spaces(entries, out);
  numbers(entries, out);
}

}  // namespace errcontract::internal
