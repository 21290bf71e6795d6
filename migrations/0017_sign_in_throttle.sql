-- Failed sign-ins counted per account ("account:<name>") and per client address
-- ("address:<ip>") across every node, and the lock they lead to (domain/sign_in_throttle.hpp).
CREATE TABLE sign_in_throttle (
  subject TEXT NOT NULL PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start TEXT NOT NULL,
  locked_until TEXT
);
