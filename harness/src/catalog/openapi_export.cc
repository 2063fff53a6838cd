// `errcontract catalog export --format openapi`: the API surface
// (cases/api.json) as an OpenAPI 3.1 document whose responses are the error
// table. Each operation lists, by status, the documented codes its endpoint
// can answer, each as an example of the error envelope (built as a conforming
// server would send it), so other OpenAPI tools can be pointed at the same
// contract.
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "errcontract/catalog_export.h"
#include "errcontract/envelope.h"

namespace errcontract {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_string(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

const char* json_schema_type(ParamType type) {
  switch (type) {
    case ParamType::kString:
      return "string";
    case ParamType::kInteger:
      return "integer";
    case ParamType::kNumber:
      return "number";
    case ParamType::kBoolean:
      return "boolean";
    case ParamType::kArray:
      return "array";
    case ParamType::kObject:
      return "object";
  }
  return "string";
}

void write_type(Writer& w, ParamType type) {
  w.StartObject();
  w.Key("type");
  w.String(json_schema_type(type));
  w.EndObject();
}

void write_envelope_schema(Writer& w) {
  w.Key("ErrorEnvelope");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("description");
  w.String("The error envelope of the error table: exactly these three members.");
  w.Key("required");
  w.StartArray();
  for (const char* name : {"error_code", "request", "message"}) w.String(name);
  w.EndArray();
  w.Key("additionalProperties");
  w.Bool(false);
  w.Key("properties");
  w.StartObject();
  w.Key("error_code");
  w.StartObject();
  w.Key("type");
  w.String("string");
  w.Key("pattern");
  w.String("^[0-9]{5}$");
  w.EndObject();
  w.Key("request");
  w.StartObject();
  w.Key("type");
  w.String("string");
  w.Key("description");
  w.String("The method and path of the request, e.g. \"PUT /operators/\".");
  w.EndObject();
  w.Key("message");
  w.StartObject();
  w.Key("type");
  w.String("string");
  w.EndObject();
  w.EndObject();
  w.EndObject();
}

// The body parameters of one place (form or JSON) as an object schema.
void write_body_schema(Writer& w, const ApiEndpoint& e, ParamPlace place) {
  w.StartObject();
  w.Key("schema");
  w.StartObject();
  w.Key("type");
  w.String("object");
  w.Key("properties");
  w.StartObject();
  std::vector<std::string> required;
  for (const ApiParameter& p : e.parameters) {
    if (p.place != place) continue;
    write_string(w, p.name);
    write_type(w, p.type);
    if (p.required) required.push_back(p.name);
  }
  w.EndObject();
  if (!required.empty()) {
    w.Key("required");
    w.StartArray();
    for (const std::string& name : required) write_string(w, name);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
}

bool has_place(const ApiEndpoint& e, ParamPlace place) {
  for (const ApiParameter& p : e.parameters) {
    if (p.place == place) return true;
  }
  return false;
}

// The documented codes of one endpoint, by the status each is answered with
// (its documented alternatives too).
std::map<int, std::vector<const CodeEntry*>> codes_by_status(const Catalog& catalog,
                                                             const ApiEndpoint& e) {
  std::map<int, std::vector<const CodeEntry*>> out;
  for (const CodeEntry& entry : catalog.entries()) {
    if (entry.is_extension() || entry.find_endpoint(e.method, e.path) == nullptr) continue;
    out[entry.status].push_back(&entry);
    for (int alternative : entry.status_alternatives) out[alternative].push_back(&entry);
  }
  return out;
}

void write_responses(Writer& w, const Catalog& catalog, const ApiEndpoint& e) {
  w.Key("responses");
  w.StartObject();
  w.Key("2XX");
  w.StartObject();
  w.Key("description");
  w.String("Success: not described by the error table.");
  w.EndObject();
  for (const auto& [status, entries] : codes_by_status(catalog, e)) {
    write_string(w, std::to_string(status));
    w.StartObject();
    w.Key("description");
    std::string codes;
    for (const CodeEntry* entry : entries) codes += (codes.empty() ? "" : ", ") + entry->code;
    write_string(w, "Documented error codes: " + codes + ".");
    w.Key("content");
    w.StartObject();
    w.Key("application/json");
    w.StartObject();
    w.Key("schema");
    w.StartObject();
    w.Key("$ref");
    w.String("#/components/schemas/ErrorEnvelope");
    w.EndObject();
    w.Key("examples");
    w.StartObject();
    for (const CodeEntry* entry : entries) {
      write_string(w, entry->code);
      w.StartObject();
      w.Key("summary");
      write_string(w, entry->code + (entry->status == status ? "" : " (an alternative status)") +
                          ": " + entry->canonical_message());
      w.Key("value");
      const std::string envelope = build_envelope(catalog, entry->code, e.method, e.path);
      w.RawValue(envelope.data(), envelope.size(), rapidjson::kObjectType);
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();
}

void write_operation(Writer& w, const Catalog& catalog, const ApiEndpoint& e) {
  std::string method = e.method;
  for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  write_string(w, method);
  w.StartObject();
  w.Key("operationId");
  std::string id = method;
  for (char c : e.path) id += (c == '/' || c == '-' || c == '.') ? '_' : c;
  write_string(w, id);
  w.Key("security");
  w.StartArray();
  if (e.needs_token) {
    w.StartObject();
    w.Key("bearer");
    w.StartArray();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("parameters");
  w.StartArray();
  for (const ApiParameter& p : e.parameters) {
    if (p.place != ParamPlace::kQuery) continue;
    w.StartObject();
    w.Key("name");
    write_string(w, p.name);
    w.Key("in");
    w.String("query");
    w.Key("required");
    w.Bool(p.required);
    w.Key("schema");
    write_type(w, p.type);
    w.EndObject();
  }
  w.EndArray();
  if (has_place(e, ParamPlace::kForm) || has_place(e, ParamPlace::kJson)) {
    w.Key("requestBody");
    w.StartObject();
    w.Key("content");
    w.StartObject();
    if (has_place(e, ParamPlace::kForm)) {
      w.Key("application/x-www-form-urlencoded");
      write_body_schema(w, e, ParamPlace::kForm);
    }
    if (has_place(e, ParamPlace::kJson)) {
      w.Key("application/json");
      write_body_schema(w, e, ParamPlace::kJson);
    }
    w.EndObject();
    w.EndObject();
  }
  write_responses(w, catalog, e);
  w.EndObject();
}

}  // namespace

std::string export_openapi(const Catalog& catalog, const ApiSurface& surface) {
  // Paths in the document's order: the surface's, each path once.
  std::vector<std::string> paths;
  std::map<std::string, std::vector<const ApiEndpoint*>> by_path;
  for (const ApiEndpoint& e : surface.endpoints) {
    auto& list = by_path[e.path];
    if (list.empty()) paths.push_back(e.path);
    list.push_back(&e);
  }
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("openapi");
  w.String("3.1.0");
  w.Key("info");
  w.StartObject();
  w.Key("title");
  w.String("The API of the error table");
  w.Key("version");
  w.String("1");
  w.Key("description");
  w.String(
      "Generated by `errcontract catalog export --format openapi` from cases/api.json and the "
      "error catalog: every endpoint, with its documented error codes as responses.");
  w.EndObject();
  w.Key("components");
  w.StartObject();
  w.Key("securitySchemes");
  w.StartObject();
  w.Key("bearer");
  w.StartObject();
  w.Key("type");
  w.String("http");
  w.Key("scheme");
  w.String("bearer");
  w.EndObject();
  w.EndObject();
  w.Key("schemas");
  w.StartObject();
  write_envelope_schema(w);
  w.EndObject();
  w.EndObject();
  w.Key("paths");
  w.StartObject();
  for (const std::string& path : paths) {
    write_string(w, path);
    w.StartObject();
    for (const ApiEndpoint* e : by_path[path]) write_operation(w, catalog, *e);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace errcontract
