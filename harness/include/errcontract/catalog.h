// The machine-readable error table: one CodeEntry per documented (or
// extension) code, loaded from cases/catalog.json. Every other part of the
// tool (checks, reference server, reports, fuzz seeds) reads codes from here.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/result.h"

namespace errcontract {

// How a response's "message" is compared with the catalog's message.
enum class MessageRule {
  kExact,   // byte-for-byte equal
  kPrefix,  // the table's message holds a "..." placeholder: the part before it must match
  kAny,     // the table has no English message: any non-empty string
};

const char* to_string(MessageRule rule);

// Where the catalog learnt that a code comes from an endpoint.
enum class EndpointSource {
  kTable,      // the table's own wording names the request
  kReference,  // the API reference (shared/reference/api-surface.md) names it for this code
  kClient,     // public client code of the time calls it in the way that yields the code
  kInferred,   // our choice: no source names it
};

const char* to_string(EndpointSource source);

// One request a code can come from: "PUT /operators/" is method "PUT" and
// path "/operators/" (the legacy form, with its trailing slash).
struct CodeEndpoint {
  std::string method;
  std::string path;
  EndpointSource source = EndpointSource::kInferred;
  std::string evidence;

  std::string text() const { return method + " " + path; }
  // Same method and the same path, a trailing slash aside (clients sent both).
  bool matches(std::string_view request_method, std::string_view request_path) const;
};

struct CodeEntry {
  std::string code;         // five digits, e.g. "21402"
  int level = 2;            // 1 system, 2 module
  std::string module;       // two digits, e.g. "14"
  std::string module_name;  // e.g. "operator"
  std::string detail;       // two digits, e.g. "02"
  int status = 0;           // the HTTP status a conforming server returns
  std::string status_reason;
  std::vector<int> status_alternatives;
  std::string message;  // English message, stray backslashes removed ("" if none)
  MessageRule message_rule = MessageRule::kExact;
  std::string description_zh;
  std::vector<CodeEndpoint> endpoints;  // every endpoint the code can come from (the schema: >= 1)
  std::vector<std::string> notes;       // the table's defects for this code
  std::string source;                   // "table" or "extension"

  bool is_extension() const { return source == "extension"; }
  // The endpoint a request matches, or nullptr.
  const CodeEndpoint* find_endpoint(std::string_view method, std::string_view path) const;
  // The message a conforming server sends for this code (a prefix for kPrefix,
  // a generic text for kAny).
  std::string canonical_message() const;
};

class Catalog {
 public:
  // Parses catalog JSON; errors name `source_name` and the line and column.
  static Result<Catalog> parse(std::string_view json, std::string_view source_name);
  static Result<Catalog> load_file(const std::string& path);
  // The catalog shipped with the tool (cases/catalog.json compiled in).
  static const Catalog& builtin();

  const CodeEntry* find(std::string_view code) const;
  const std::vector<CodeEntry>& entries() const { return entries_; }
  std::size_t documented_count() const;  // entries whose source is "table"

 private:
  std::vector<CodeEntry> entries_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

}  // namespace errcontract
