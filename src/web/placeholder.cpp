namespace kk::web {}
