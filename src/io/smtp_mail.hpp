#pragma once
// E-mail through an SMTP server (libcurl): reminders for those who want them in their inbox.
// The message is plain UTF-8 text, quoted-printable, with an RFC 2047 subject, so any server
// and client take it; STARTTLS is used whenever the server offers it.
#include <optional>
#include <string>

namespace kk::io {

struct SmtpSettings {
  std::string url;       // smtp://host:port or smtps://host:port
  std::string from;      // the sender's address
  std::string username;  // empty: no authentication
  std::string password;
};

struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;
};

// Once at start-up, before any thread sends (libcurl's global state).
void init_smtp();

// The message as sent: headers and a quoted-printable body, lines ending in CRLF.
std::string format_mail(const SmtpSettings& settings, const MailMessage& message, const std::string& date,
                        const std::string& message_id);

// Sends one message; the error text when the server could not be reached or refused it.
std::optional<std::string> send_mail(const SmtpSettings& settings, const MailMessage& message);

}  // namespace kk::io
