#pragma once
#include <string>

#include "app/records.hpp"
#include "domain/enums.hpp"

namespace kk::app {

// Who is acting: the signed-in user (or the CLI's system actor) and the request's language.
struct Actor {
  User user;
  domain::Language lang = domain::Language::sv;
  bool system = false;  // the command line acting for an installation administrator
  const std::string& org_id() const { return user.org_id; }
};

// The command line acting in an organisation (audit entries name "kravkedja").
inline Actor system_actor(const std::string& org_id) {
  Actor a;
  a.user.org_id = org_id;
  a.user.display_name = "kravkedja";
  a.system = true;
  return a;
}

}  // namespace kk::app
