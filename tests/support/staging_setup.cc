#include "staging_setup.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <fstream>

#include "self_signed_cert.h"

namespace errcontract::testing {

namespace {

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out.flush());
}

// {"name": "value", ...}: what `serve --fixtures-out` writes, for --fixtures.
std::string fixtures_json(const Fixtures& fixtures) {
  rapidjson::StringBuffer text;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> json(text);
  json.StartObject();
  for (const auto& [name, value] : fixtures) {
    json.String(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
    json.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
  json.EndObject();
  return std::string(text.GetString(), text.GetSize()) + "\n";
}

// Single-quoted for a POSIX shell.
std::string quoted(const std::string& arg) {
  if (arg.find_first_of(" \"'$\\") == std::string::npos) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

StagingSetup::StagingSetup(StagingOptions options)
    : options_(std::move(options)), backend_(Catalog::builtin()) {
  auto backend_port = backend_.start("127.0.0.1", 0);
  if (!backend_port.ok()) {
    error_ = "reference server: " + backend_port.status().message();
    return;
  }
  if (!proxy_.error().empty()) {
    error_ = "proxy: " + proxy_.error();
    return;
  }
  const PrivateCaPem pem = make_private_ca();
  if (pem.ca_certificate.empty()) {
    error_ = "OpenSSL could not make the private CA";
    return;
  }
  if (!write_file(ca_file(), pem.ca_certificate) ||
      !write_file(fixtures_file(), fixtures_json(backend_.fixtures()))) {
    error_ = "cannot write into " + options_.dir;
    return;
  }
  GatewayOptions g;
  g.backend_port = *backend_port;
  g.api_key = options_.api_key;
  g.certificate_pem = pem.server_certificate;
  g.private_key_pem = pem.server_key;
  g.rate_per_second = options_.rate_per_second;
  g.burst = options_.burst;
  g.break_code = options_.break_code;
  gateway_ = std::make_unique<Gateway>(std::move(g));
  if (!gateway_->error().empty()) error_ = "gateway: " + gateway_->error();
}

StagingSetup::~StagingSetup() {
  // The gateway first, with its kept-alive connections to the backend:
  // those would hold the backend's workers until their keep-alive timeout.
  gateway_.reset();
  proxy_.stop();
  backend_.stop();
}

std::vector<std::string> StagingSetup::run_args(const std::string& junit) const {
  return {"run",
          "--target",
          gateway_->url(),
          "--ca-file",
          ca_file(),
          "--header",
          "X-Api-Key: " + options_.api_key,
          "--proxy",
          proxy_.url(),
          "--lenient",
          "--fixtures",
          fixtures_file(),
          "--report",
          "junit=" + junit};
}

std::string StagingSetup::command_line(const std::string& program, const std::string& junit) const {
  std::string line = quoted(program);
  for (const std::string& arg : run_args(junit)) line += " " + quoted(arg);
  return line;
}

}  // namespace errcontract::testing
