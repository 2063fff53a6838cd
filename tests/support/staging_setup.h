// A staging-like deployment on 127.0.0.1, all in this process: the reference
// server as the backend, the test gateway in front of it (HTTPS from a
// private CA made here, base path /uapi, X-Api-Key, rate limit, chunked
// responses, numeric error_code) and a CONNECT proxy. It writes the CA
// certificate and the backend's fixtures into a directory and gives the
// exact `errcontract run` command that tests it, the one issue 10's "done
// when" names. Used by the e2e test and by errc-staging-gateway (a person
// running that command by hand).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connect_proxy.h"
#include "errcontract/reference_server.h"
#include "gateway.h"

namespace errcontract::testing {

struct StagingOptions {
  std::string dir;  // CA.pem and fixtures.json are written here
  std::string api_key = "staging-key-0123456789";
  // Tighter than the harness's pace, so a full run meets the limit.
  double rate_per_second = 60;
  double burst = 10;
  std::string break_code;  // the gateway answers this code's responses with another status
};

class StagingSetup {
 public:
  explicit StagingSetup(StagingOptions options);
  ~StagingSetup();
  StagingSetup(const StagingSetup&) = delete;
  StagingSetup& operator=(const StagingSetup&) = delete;

  // "" when everything listens and the files are written; else why not.
  const std::string& error() const { return error_; }

  std::string ca_file() const { return options_.dir + "/CA.pem"; }
  std::string fixtures_file() const { return options_.dir + "/fixtures.json"; }
  const StagingOptions& options() const { return options_; }

  // The arguments after the program name: run --target ... --report junit=`junit`.
  std::vector<std::string> run_args(const std::string& junit) const;
  // The same as one line a shell takes, the program given.
  std::string command_line(const std::string& program, const std::string& junit) const;

  Gateway& gateway() { return *gateway_; }
  ConnectProxy& proxy() { return proxy_; }

 private:
  StagingOptions options_;
  std::string error_;
  ReferenceServer backend_;
  ConnectProxy proxy_;
  std::unique_ptr<Gateway> gateway_;
};

}  // namespace errcontract::testing
