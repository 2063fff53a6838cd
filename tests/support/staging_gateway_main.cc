// errc-staging-gateway: a staging-like deployment on 127.0.0.1 for a person
// to try `errcontract run` against by hand (docs/staging.md). Starts the
// reference server, the test gateway and the CONNECT proxy, writes CA.pem
// and fixtures.json into DIR, prints the exact command, and serves until
// SIGINT or SIGTERM; then prints what the gateway and the proxy saw.
#include <signal.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "staging_setup.h"

namespace {

int usage() {
  std::cerr << "usage: errc-staging-gateway DIR [--break-code CODE] [--rate N] [--burst N] "
               "[--key KEY]\n"
               "  DIR: an existing directory; CA.pem and fixtures.json are written there\n"
               "  --break-code CODE: answer responses carrying CODE with another status\n"
               "  --rate N, --burst N: the gateway's token bucket (default 60/s, 10)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using errcontract::testing::StagingOptions;
  using errcontract::testing::StagingSetup;
  if (argc < 2 || argv[1][0] == '-') return usage();
  StagingOptions options;
  options.dir = argv[1];
  for (int i = 2; i < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) return usage();
    const std::string value = argv[i + 1];
    if (flag == "--break-code") {
      options.break_code = value;
    } else if (flag == "--rate") {
      options.rate_per_second = std::atof(value.c_str());
    } else if (flag == "--burst") {
      options.burst = std::atof(value.c_str());
    } else if (flag == "--key") {
      options.api_key = value;
    } else {
      return usage();
    }
  }
  if (options.rate_per_second <= 0 || options.burst < 1) return usage();

  // Blocked before any server thread exists, so only sigwait receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  StagingSetup staging(options);
  if (!staging.error().empty()) {
    std::cerr << "errc-staging-gateway: " << staging.error() << "\n";
    return 1;
  }
  std::cout << "gateway " << staging.gateway().url() << " (X-Api-Key " << options.api_key << ", "
            << options.rate_per_second << " requests/s, burst " << options.burst
            << (options.break_code.empty() ? "" : ", code " + options.break_code + " broken")
            << ")\nproxy " << staging.proxy().url() << " (CONNECT to 127.0.0.1 only)\n"
            << "CA " << staging.ca_file() << ", fixtures " << staging.fixtures_file() << "\n"
            << "run:\n"
            << staging.command_line(ERRC_BINARY_DIR "/errcontract", options.dir + "/junit.xml")
            << "\nCtrl-C stops it" << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  std::cout << "stopped: " << staging.gateway().forwarded() << " requests forwarded, "
            << staging.gateway().throttled() << " answered 429, " << staging.gateway().broken()
            << " broken, " << staging.proxy().tunnels() << " tunnels" << std::endl;
  return 0;
}
