// What every answer tells the browser: no sniffing of types, no framing, no inline script, no
// caching of what is not static, the referrer kept at home; and HSTS once Kravkedja is reached
// over TLS (through a reverse proxy). A request line and headers beyond 16 KB are refused.
#include "api_helpers.hpp"

using namespace kkt;

TEST(Headers, EveryPageCarriesTheSecurityHeaders) {
  Response page = anonymous().get("/login");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page.header("x-frame-options"), "DENY");
  EXPECT_EQ(page.header("referrer-policy"), "same-origin");
  EXPECT_EQ(page.header("cache-control"), "no-store");
  std::string csp = page.header("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  // Plain HTTP, and a client that only claims TLS without a trusted proxy: no HSTS.
  EXPECT_EQ(page.header("strict-transport-security"), "");
  EXPECT_EQ(anonymous().send("GET", "/login", "", {{"X-Forwarded-Proto", "https"}}).header("strict-transport-security"), "");
}

TEST(Headers, BehindATlsProxyTheBrowserIsToldToStayOnHttps) {
  ExtraServer proxied(config().binary, {"--trust-proxy"});
  Response r = anonymous().on(proxied.port()).send("GET", "/login", "", {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000");
  ExtraServer published(config().binary, {"--public-url", "https://kravkedja.example.se"});
  EXPECT_EQ(anonymous().on(published.port()).get("/healthz").header("strict-transport-security"), "max-age=31536000");
}

TEST(Headers, AnOversizedRequestHeadIsRefused) {
  Response r = anonymous().send("GET", "/login", "", {{"X-Padding", std::string(20 * 1024, 'a')}});
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(anonymous().get("/healthz").status, 200) << "the service goes on";
}
