#include <gtest/gtest.h>

#include <sstream>

#include "io/smtp_mail.hpp"

using namespace kk::io;

TEST(SmtpMail, TheMessageIsPlainUtf8TextQuotedPrintableWithAnEncodedSubject) {
  SmtpSettings s{"smtp://127.0.0.1:25", "kravkedja@kommunen.se", "", ""};
  std::string long_line(100, 'x');
  MailMessage m{"anna@kommunen.se", "Påminnelser från Kravkedja",
                "Kontroll av AVS-01 ska göras senast 2027-02-12. \nA=B\n" + long_line + "\n"};
  std::string mail = format_mail(s, m, "Sun, 22 Nov 2026 12:00:00 +0000", "1.2@kommunen.se");
  EXPECT_NE(mail.find("From: kravkedja@kommunen.se\r\nTo: anna@kommunen.se\r\n"), std::string::npos) << mail;
  EXPECT_NE(mail.find("Subject: =?UTF-8?B?UMOlbWlubmVsc2VyIGZyw6VuIEtyYXZrZWRqYQ==?=\r\n"), std::string::npos) << mail;
  EXPECT_NE(mail.find("Content-Transfer-Encoding: quoted-printable\r\n\r\n"), std::string::npos);
  // ö as its two UTF-8 bytes, a trailing space encoded, "=" escaped.
  EXPECT_NE(mail.find("g=C3=B6ras senast 2027-02-12.=20\r\n"), std::string::npos) << mail;
  EXPECT_NE(mail.find("A=3DB\r\n"), std::string::npos);
  // No line longer than 76 characters; a long line is broken with soft line breaks.
  std::istringstream lines(mail.substr(mail.find("\r\n\r\n") + 4));
  std::string line, joined;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), 77u) << line;  // 76 and the CR
    if (line.size() >= 2 && line[line.size() - 2] == '=') joined += line.substr(0, line.size() - 2);
  }
  EXPECT_NE(joined.find(std::string(70, 'x')), std::string::npos);
}

TEST(SmtpMail, AnUnreachableServerIsAnErrorNotACrash) {
  SmtpSettings s{"smtp://127.0.0.1:1", "kravkedja@kommunen.se", "", ""};
  auto error = send_mail(s, {"anna@kommunen.se", "Test", "Hej"});
  ASSERT_TRUE(error.has_value());
  EXPECT_FALSE(error->empty());
}
