#include "app/permissions.hpp"

#include <initializer_list>

namespace kk::app {
using domain::Role;

namespace {
bool any_of(const User& u, std::initializer_list<Role> roles) {
  for (Role r : roles)
    if (u.has(r)) return true;
  return false;
}
}  // namespace

bool allowed(const Actor& actor, Permission p) {
  if (actor.system) return true;
  const User& u = actor.user;
  // A supplier's user acts only on the tenders it is invited to (checked in app/tenders).
  if (!u.active || u.is_supplier()) return false;
  switch (p) {
    case Permission::read:
      return !u.roles.empty();
    case Permission::edit_assets:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner});
    case Permission::delete_assets:
      return any_of(u, {Role::ciso, Role::information_owner});
    case Permission::approve_classification:
    case Permission::decide_exceptions:
      return any_of(u, {Role::information_owner});
    case Permission::edit_cases:
    case Permission::edit_specification:
      return any_of(u, {Role::ciso, Role::procurer});
    case Permission::decide_prepare:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner});
    case Permission::decide_realise:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner, Role::contract_manager});
    case Permission::record_activities:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner, Role::contract_manager,
                        Role::security_officer, Role::legal});
    case Permission::record_assessments:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner, Role::contract_manager,
                        Role::security_officer, Role::legal});
    case Permission::record_confirmations:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner, Role::contract_manager});
    case Permission::edit_risks:
      return any_of(u, {Role::ciso, Role::procurer, Role::information_owner, Role::contract_manager,
                        Role::security_officer});
    case Permission::cancel_cases:
    case Permission::manage_tenders:
      return any_of(u, {Role::ciso, Role::procurer});
    case Permission::manage_contracts:
    case Permission::edit_suppliers:
      return any_of(u, {Role::ciso, Role::procurer, Role::contract_manager});
    case Permission::manage_catalogues:
      return any_of(u, {Role::ciso, Role::admin});
    case Permission::administer:
    case Permission::read_audit:
      return any_of(u, {Role::admin});
  }
  return false;
}

domain::Status authorize(const Actor& actor, Permission p) {
  if (!allowed(actor, p)) return domain::Error::forbidden();
  return domain::ok();
}

}  // namespace kk::app
