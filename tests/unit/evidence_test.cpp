#include <gtest/gtest.h>

#include "app/tendering.hpp"

using kk::app::evidence_media_type;

TEST(Evidence, TheTypeComesFromTheContent) {
  EXPECT_EQ(evidence_media_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(evidence_media_type(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(evidence_media_type(std::string("\xff\xd8\xff\xe0....", 8)), "image/jpeg");
  EXPECT_EQ(evidence_media_type("GIF89a...."), "image/gif");
  std::string docx = std::string("PK\x03\x04", 4) + std::string(26, '\0') + "[Content_Types].xml....word/document.xml";
  EXPECT_EQ(evidence_media_type(docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  std::string odt = std::string("PK\x03\x04", 4) + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.text";
  EXPECT_EQ(evidence_media_type(odt), "application/vnd.oasis.opendocument.text");
  EXPECT_EQ(evidence_media_type("Intyg om säkerhetsgranskning\r\nUtfärdat 2026-10-01\n"), "text/plain; charset=utf-8");
}

TEST(Evidence, ProgramsArchivesAndBinaryDataAreRefusedWhateverTheirName) {
  EXPECT_FALSE(evidence_media_type(""));
  EXPECT_FALSE(evidence_media_type(std::string("MZ\x90\x00\x03\x00", 6)));           // Windows program
  EXPECT_FALSE(evidence_media_type(std::string("\x7f" "ELF\x02\x01\x01", 7)));      // Linux program
  EXPECT_FALSE(evidence_media_type(std::string("PK\x03\x04", 4) + "payload.exe"));  // a plain zip archive
  EXPECT_FALSE(evidence_media_type(std::string("text with a NUL\0 inside", 23)));
  EXPECT_FALSE(evidence_media_type("broken \xc3 utf-8"));
  EXPECT_FALSE(evidence_media_type("truncated \xe2\x82"));
}
