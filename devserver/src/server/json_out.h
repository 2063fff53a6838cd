// A thin helper over RapidJSON's Writer for the success bodies the handlers
// send. Only values the handlers validated go in, so the output is valid JSON.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace errcontract::internal {

class JsonOut {
 public:
  JsonOut& key(std::string_view k) {
    w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  JsonOut& str(std::string_view v) {
    w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    return *this;
  }
  JsonOut& num(std::int64_t v) {
    w_.Int64(v);
    return *this;
  }
  JsonOut& flag(bool v) {
    w_.Bool(v);
    return *this;
  }
  JsonOut& open_object() {
    w_.StartObject();
    return *this;
  }
  JsonOut& close_object() {
    w_.EndObject();
    return *this;
  }
  JsonOut& open_array() {
    w_.StartArray();
    return *this;
  }
  JsonOut& close_array() {
    w_.EndArray();
    return *this;
  }
  template <typename Strings>
  JsonOut& strings(const Strings& values) {
    open_array();
    for (const auto& v : values) str(v);
    return close_array();
  }
  std::string take() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> w_{buffer_};
};

}  // namespace errcontract::internal
