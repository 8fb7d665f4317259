// parseCallbackUrl (Callback_URL), without and with the sandbox. Invariants: a valid URL is https (or, in the
// sandbox, http on localhost/127.0.0.1), at most 2048 printable ASCII characters without user-info; it parses
// back to itself; whatever passes outside the sandbox passes in it unchanged; validateField agrees.
#include "fuzz_support.hpp"
#include "ltgs/callback_url.hpp"
#include "ltgs/payment_request.hpp"
#include "ltgs/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::text(data, size);
  const ltgs::Result<std::string> strict = ltgs::parseCallbackUrl(input, false);
  const ltgs::Result<std::string> sandbox = ltgs::parseCallbackUrl(input, true);
  if (strict) FUZZ_CHECK(sandbox && sandbox.value() == strict.value(), input);
  for (const bool inSandbox : {false, true}) {
    const ltgs::Result<std::string>& r = inSandbox ? sandbox : strict;
    const fuzz::Report report(ltgs::parseCallbackUrlReport(input, inSandbox));
    FUZZ_CHECK(report.ok() == r.ok(), input);
    ltgs::ValidationSettings settings;
    settings.sandbox = inSandbox;
    const ltgs::Result<ltgs::JsonScalar> field =
        ltgs::validateField("Callback_URL", ltgs::JsonScalar::string(std::string(input)), settings);
    if (!r) {
      fuzz::checkError(r.error(), "callback_url.");
      FUZZ_CHECK(!field && field.error().code == r.error().code, input);
      continue;
    }
    const std::string& url = r.value();
    FUZZ_CHECK(url.size() <= 2048, url);
    const bool https = url.rfind("https://", 0) == 0;
    const bool localHttp = url.rfind("http://localhost", 0) == 0 || url.rfind("http://127.0.0.1", 0) == 0;
    FUZZ_CHECK(https || (inSandbox && localHttp), url);
    for (const char c : url) FUZZ_CHECK(c > 0x20 && c < 0x7F, url);
    const std::size_t authorityEnd = url.find_first_of("/?#", url.find("//") + 2);
    FUZZ_CHECK(url.substr(0, authorityEnd).find('@') == std::string::npos, url);
    const ltgs::Result<std::string> again = ltgs::parseCallbackUrl(url, inSandbox);
    FUZZ_CHECK(again && again.value() == url, url);
    FUZZ_CHECK(field && field.value().text == url, input);
  }
  return 0;
}
