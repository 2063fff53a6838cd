// fuzz_envelope_differential: the strict parser (parse_envelope, RapidJSON
// underneath) against an independent JSON parser, nlohmann-json 3.11 (SAX,
// strict mode, no comments), on arbitrary bytes.
//
// "We accept" means parse_envelope raised no body.* finding: the bytes are
// one JSON text (whatever the envelope rules then say). Both parsers must
// agree on accept/reject, except for these documented differences, each
// asserted with an independent reason (docs/fuzzing.md):
//  - duplicate member names: nlohmann accepts, we reject (body.duplicate_key)
//    -> nlohmann's SAX events must show a repeated name in one object;
//  - nesting deeper than ParseOptions::max_depth (32): we reject (body.too_deep)
//    -> nlohmann's depth must exceed the cap;
//  - bodies over ParseOptions::max_bytes: we reject (body.too_large);
//  - a UTF-8 byte order mark: nlohmann skips it, we reject (RFC 8259 8.1
//    forbids sending one) -> the body must start with EF BB BF;
//  - a NUL byte after the value: nlohmann's lexer takes NUL for the end of
//    the input and ignores what follows, we reject (body.trailing_bytes)
//    -> the trailing bytes must start with NUL;
//  - number range: RapidJSON rejects a number whose exponent exceeds 308 (or
//    whose integer part has more than 308 digits) even when its value fits
//    (0e400); nlohmann rejects any number whose value overflows a double
//    (10e308), which we accept as text -> the token must look so, and
//    nlohmann's error must be its number overflow (out_of_range.406).
// Lone UTF-16 surrogate escapes are rejected by both (asserted explicitly).
// When both accept, the root type, the three members' string values, and the
// extra member names (in order) must be the same.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/envelope.h"
#include "target_support.h"

namespace {

using errcontract::EnvelopeParse;
using errcontract::Finding;
using errcontract::fuzz::finding_ids;
using errcontract::fuzz::has_finding;
using errcontract::fuzz::printable;
using errcontract::fuzz::require;
using Json = nlohmann::json;

constexpr std::string_view kTarget = "fuzz_envelope_differential";
constexpr std::string_view kMembers[] = {"error_code", "request", "message"};

// What nlohmann's SAX events say about a document.
class Observer : public nlohmann::json_sax<Json> {
 public:
  bool accepted = false;
  int error_id = 0;  // nlohmann's exception id when rejected
  std::size_t max_depth = 0;
  bool duplicate_key = false;
  bool root_is_object = false;
  bool any_value = false;
  // The root object's members: names in order, and the string values of
  // the three envelope members (first occurrence).
  std::vector<std::string> root_names;
  std::string member_text[3];
  bool member_is_string[3] = {false, false, false};

  bool null() override { return value(false, {}); }
  bool boolean(bool) override { return value(false, {}); }
  bool number_integer(number_integer_t) override { return value(false, {}); }
  bool number_unsigned(number_unsigned_t) override { return value(false, {}); }
  bool number_float(number_float_t, const string_t&) override { return value(false, {}); }
  bool string(string_t& s) override { return value(true, s); }
  bool binary(binary_t&) override { return value(false, {}); }

  bool start_object(std::size_t) override {
    if (depth_ == 0 && !any_value) root_is_object = true;
    value(false, {});
    open(true);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    value(false, {});
    open(false);
    return true;
  }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    Frame& top = frames_.back();
    if (!top.names.insert(name).second) duplicate_key = true;
    if (depth_ == 1) {
      root_names.push_back(name);
      pending_ = -1;
      if (top.names.size() == root_names.size()) {  // first occurrence
        for (int i = 0; i < 3; ++i) {
          if (name == kMembers[i]) pending_ = i;
        }
      }
    }
    return true;
  }

  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_id = ex.id;
    return false;
  }

 private:
  struct Frame {
    bool is_object = false;
    std::set<std::string> names;
  };

  bool value(bool is_string, const std::string& text) {
    any_value = true;
    if (depth_ == 1 && pending_ >= 0) {
      member_is_string[pending_] = is_string;
      if (is_string) member_text[pending_] = text;
    }
    pending_ = -1;
    return true;
  }

  void open(bool object) {
    frames_.push_back({object, {}});
    ++depth_;
    if (depth_ > max_depth) max_depth = depth_;
  }

  bool close() {
    frames_.pop_back();
    --depth_;
    return true;
  }

  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  int pending_ = -1;
};

Observer observe(std::string_view body) {
  Observer observer;
  try {
    observer.accepted = Json::sax_parse(body.begin(), body.end(), &observer,
                                        nlohmann::detail::input_format_t::json, /*strict=*/true,
                                        /*ignore_comments=*/false);
  } catch (const std::exception&) {
    observer.accepted = false;
    observer.error_id = -1;
  }
  return observer;
}

const Finding* first_body_finding(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    if (to_string(f.id).starts_with("body.")) return &f;
  }
  return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A JSON number token at `at` whose written exponent is over 308 or whose
// integer part has more than 308 digits: RapidJSON's range limits.
bool beyond_rapidjson_number_range(std::string_view body, std::size_t at) {
  std::size_t i = at;
  if (i < body.size() && body[i] == '-') ++i;
  std::size_t integer_digits = 0;
  while (i < body.size() && is_digit(body[i])) {
    ++i;
    ++integer_digits;
  }
  if (integer_digits > 308) return true;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && is_digit(body[i])) ++i;
  }
  if (i >= body.size() || (body[i] != 'e' && body[i] != 'E')) return false;
  ++i;
  if (i < body.size() && body[i] == '+') ++i;
  if (i < body.size() && body[i] == '-') return false;  // small numbers are fine
  std::size_t exponent = 0;
  while (i < body.size() && is_digit(body[i])) {
    exponent = exponent * 10 + static_cast<std::size_t>(body[i] - '0');
    if (exponent > 308) return true;
    ++i;
  }
  return false;
}

// We reject, nlohmann accepts: only for a documented reason, checked here.
void check_documented_rejection(std::string_view body, const EnvelopeParse& ours,
                                const errcontract::ParseOptions& options, const Observer& theirs) {
  const std::string ids = finding_ids(ours.findings);
  if (has_finding(ours.findings, "body.lone_surrogate")) {
    errcontract::fuzz::oracle_failed(
        kTarget, fmt::format("nlohmann accepts a lone surrogate that we reject [{}] in {}", ids,
                             printable(body)));
  }
  if (has_finding(ours.findings, "body.too_large")) {
    require(body.size() > options.max_bytes, kTarget, "body.too_large for {} bytes", body.size());
    return;
  }
  if (has_finding(ours.findings, "body.too_deep")) {
    require(theirs.max_depth > options.max_depth, kTarget,
            "body.too_deep, but nlohmann sees depth {} in {}", theirs.max_depth, printable(body));
    return;
  }
  if (has_finding(ours.findings, "body.duplicate_key")) {
    require(theirs.duplicate_key, kTarget, "body.duplicate_key, but nlohmann sees none in {}",
            printable(body));
    return;
  }
  const Finding* first = first_body_finding(ours.findings);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") {
    require(first != nullptr && first->id == "body.not_json" && first->offset == 0u, kTarget,
            "a body led by a byte order mark is rejected with [{}]", ids);
    return;
  }
  if (first != nullptr && first->id == "body.trailing_bytes") {
    require(first->offset && *first->offset < body.size() && body[*first->offset] == '\0', kTarget,
            "trailing bytes not led by NUL at byte {} in {}", first->offset.value_or(0),
            printable(body));
    return;
  }
  if (first != nullptr && first->id == "body.not_json" && first->offset &&
      first->message.find("too big") != std::string::npos) {
    require(beyond_rapidjson_number_range(body, *first->offset), kTarget,
            "\"number too big\" at byte {} for an ordinary number in {}", *first->offset,
            printable(body));
    return;
  }
  errcontract::fuzz::oracle_failed(
      kTarget, fmt::format("we reject [{}], nlohmann accepts {}", ids, printable(body)));
}

void check_same_values(std::string_view body, const EnvelopeParse& ours, const Observer& theirs) {
  const bool not_object = has_finding(ours.findings, "envelope.not_object");
  require(not_object != theirs.root_is_object, kTarget,
          "root type differs (envelope.not_object: {}) for {}", not_object, printable(body));
  if (!ours.envelope) return;
  const errcontract::Envelope& e = *ours.envelope;
  const std::string* values[3] = {&e.error_code, &e.request, &e.message};
  for (int i = 0; i < 3; ++i) {
    if (!theirs.member_is_string[i]) continue;
    require(*values[i] == theirs.member_text[i], kTarget, "\"{}\" is {}, nlohmann reads {} in {}",
            kMembers[i], printable(*values[i]), printable(theirs.member_text[i]), printable(body));
  }
  std::vector<std::string> extra;
  for (const std::string& name : theirs.root_names) {
    if (name != kMembers[0] && name != kMembers[1] && name != kMembers[2]) extra.push_back(name);
  }
  require(extra == e.extra_members, kTarget, "extra members differ ({} vs {}) in {}",
          e.extra_members.size(), extra.size(), printable(body));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const errcontract::ParseOptions options;
  const EnvelopeParse ours = errcontract::parse_envelope(body, options);
  const bool we_accept = !errcontract::fuzz::has_body_finding(ours.findings);
  const Observer theirs = observe(body);

  if (we_accept && theirs.accepted) {
    require(!theirs.duplicate_key && theirs.max_depth <= options.max_depth, kTarget,
            "we accept {}, which has duplicate names or depth {}", printable(body),
            theirs.max_depth);
    check_same_values(body, ours, theirs);
    return 0;
  }
  if (!we_accept && !theirs.accepted) return 0;
  if (!we_accept) {
    check_documented_rejection(body, ours, options, theirs);
    return 0;
  }
  // We accept, nlohmann rejects: only a number whose value overflows a double.
  require(theirs.error_id == 406, kTarget, "we accept {}, nlohmann rejects it (error {})",
          printable(body), theirs.error_id);
  return 0;
}
