#include "fuzzapi/surface_request.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace errcontract::internal {
namespace {

std::string plain_value(ParamType type) {
  switch (type) {
    case ParamType::kInteger:
      return "1";
    case ParamType::kNumber:
      return "1.5";
    case ParamType::kBoolean:
      return "true";
    default:
      return "errcfuzz";
  }
}

// `value` as a JSON member of `type`: numbers bare when they read as such,
// booleans as true unless "false", arrays and objects empty, strings as text.
void write_json_value(rapidjson::Writer<rapidjson::StringBuffer>& w, ParamType type,
                      const std::string& value) {
  const bool bare = !value.empty() && value.find_first_not_of("0123456789.-") == std::string::npos;
  switch (type) {
    case ParamType::kInteger:
    case ParamType::kNumber:
      if (bare) {
        w.RawNumber(value.data(), static_cast<rapidjson::SizeType>(value.size()));
      } else {
        w.Int(1);
      }
      return;
    case ParamType::kBoolean:
      w.Bool(value != "false");
      return;
    case ParamType::kArray:
      w.StartArray();
      w.EndArray();
      return;
    case ParamType::kObject:
      w.StartObject();
      w.EndObject();
      return;
    default:
      w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
}

}  // namespace

ParameterValues parameter_values(const std::deque<RequestSpec>& requests) {
  ParameterValues values;
  for (const RequestSpec& r : requests) {
    for (const KeyValues* pairs : {&r.query, &r.form}) {
      for (const auto& [name, value] : *pairs) values.emplace(name, value);
    }
  }
  return values;
}

RequestSpec surface_request(const ApiEndpoint& endpoint, const ParameterValues& values,
                            const std::string& token_fixture) {
  RequestSpec r;
  r.method = endpoint.method;
  r.path = endpoint.path;
  if (endpoint.needs_token) r.auth = token_fixture;
  rapidjson::StringBuffer json;
  rapidjson::Writer<rapidjson::StringBuffer> writer(json);
  writer.StartObject();
  for (const ApiParameter& p : endpoint.parameters) {
    auto known = values.find(p.name);
    if (known == values.end() && !p.required) continue;
    const std::string value = known != values.end() ? known->second : plain_value(p.type);
    if (p.place == ParamPlace::kQuery) {
      r.query.emplace_back(p.name, value);
    } else if (p.place == ParamPlace::kForm) {
      r.body_kind = BodyKind::kForm;
      r.form.emplace_back(p.name, value);
    } else {
      r.body_kind = BodyKind::kJson;
      writer.Key(p.name.data(), static_cast<rapidjson::SizeType>(p.name.size()));
      write_json_value(writer, p.type, value);
    }
  }
  writer.EndObject();
  if (r.body_kind == BodyKind::kJson) r.json.assign(json.GetString(), json.GetSize());
  return r;
}

}  // namespace errcontract::internal
