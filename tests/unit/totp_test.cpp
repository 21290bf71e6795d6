// Time-based one-time passwords against the test vectors of RFC 6238 Appendix B (SHA-1).
#include <gtest/gtest.h>

#include "io/totp.hpp"

using namespace kk::io;

TEST(Totp, CodesAreThoseOfRfc6238AppendixB) {
  const std::string secret = "12345678901234567890";
  struct Vector {
    std::int64_t time;
    const char* code;
  };
  for (auto v : {Vector{59, "94287082"}, Vector{1111111109, "07081804"}, Vector{1111111111, "14050471"},
                 Vector{1234567890, "89005924"}, Vector{2000000000, "69279037"}, Vector{20000000000, "65353130"}})
    EXPECT_EQ(totp_code(secret, v.time / totp_step_seconds, 8), v.code) << v.time;
  EXPECT_EQ(totp_code(secret, 1111111109 / 30), "081804") << "six digits keep the last six";
}

TEST(Totp, ACodeIsAcceptedOnceWithinAStepEitherSide) {
  const std::string secret = "12345678901234567890";
  std::int64_t now = 1111111111, step = now / 30;
  EXPECT_EQ(totp_accepts(secret, totp_code(secret, step), now, 0), step);
  EXPECT_EQ(totp_accepts(secret, totp_code(secret, step - 1), now, 0), step - 1) << "a phone a little slow";
  EXPECT_EQ(totp_accepts(secret, totp_code(secret, step + 1), now, 0), step + 1) << "a phone a little fast";
  EXPECT_FALSE(totp_accepts(secret, totp_code(secret, step - 2), now, 0)) << "a minute old";
  EXPECT_FALSE(totp_accepts(secret, totp_code(secret, step), now, step)) << "used already";
  std::string spaced = totp_code(secret, step);
  spaced.insert(3, " ");
  EXPECT_EQ(totp_accepts(secret, spaced, now, 0), step);
  EXPECT_FALSE(totp_accepts(secret, "12345", now, 0));
  EXPECT_FALSE(totp_accepts(secret, "abcdef", now, 0));
}

TEST(Totp, SecretsTravelAsBase32InAnOtpauthAddress) {
  EXPECT_EQ(base32_encode("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), "12345678901234567890");
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_decode("MY"), "f");
  EXPECT_FALSE(base32_decode("MY1"));
  EXPECT_EQ(otpauth_uri("Kravkedja", "anna@kommun.se", "12345678901234567890"),
            "otpauth://totp/Kravkedja:anna%40kommun.se?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Kravkedja"
            "&algorithm=SHA1&digits=6&period=30");
}
