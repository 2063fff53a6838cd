#include "errcontract/catalog.h"

#include <cstdio>
#include <cstdlib>

#include "json/json_location.h"

namespace errcontract {
namespace internal {
extern const std::string_view kBuiltinCatalogJson;
}  // namespace internal

const char* to_string(MessageRule rule) {
  switch (rule) {
    case MessageRule::kExact:
      return "exact";
    case MessageRule::kPrefix:
      return "prefix";
    case MessageRule::kAny:
      return "any";
  }
  return "exact";
}

const char* to_string(EndpointSource source) {
  switch (source) {
    case EndpointSource::kTable:
      return "table";
    case EndpointSource::kReference:
      return "reference";
    case EndpointSource::kClient:
      return "client";
    case EndpointSource::kInferred:
      return "inferred";
  }
  return "inferred";
}

namespace {
std::string_view without_trailing_slash(std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}
}  // namespace

bool CodeEndpoint::matches(std::string_view request_method, std::string_view request_path) const {
  return request_method == method &&
         without_trailing_slash(request_path) == without_trailing_slash(path);
}

const CodeEndpoint* CodeEntry::find_endpoint(std::string_view method, std::string_view path) const {
  for (const auto& endpoint : endpoints) {
    if (endpoint.matches(method, path)) return &endpoint;
  }
  return nullptr;
}

std::string CodeEntry::canonical_message() const {
  switch (message_rule) {
    case MessageRule::kExact:
      return message;
    case MessageRule::kPrefix:
      return message.substr(0, message.find("..."));
    case MessageRule::kAny:
      // The table gives no English text; a server must still say something.
      return description_zh.empty() ? "Error " + code + "." : description_zh;
  }
  return message;
}

const CodeEntry* Catalog::find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

std::size_t Catalog::documented_count() const {
  std::size_t n = 0;
  for (const auto& e : entries_) n += e.is_extension() ? 0 : 1;
  return n;
}

Result<Catalog> Catalog::load_file(const std::string& path) {
  auto bytes = internal::read_file(path);
  if (!bytes.ok()) return bytes.status();
  return parse(*bytes, path);
}

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    auto parsed = parse(internal::kBuiltinCatalogJson, "<builtin>/cases/catalog.json");
    // The embedded catalog is checked by the test suite; a broken one is a build defect.
    if (!parsed.ok()) {
      std::fprintf(stderr, "errcontract: built-in catalog is invalid: %s\n",
                   parsed.status().message().c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return catalog;
}

}  // namespace errcontract
