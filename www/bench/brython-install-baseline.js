// brython-install.js for the baseline package (/baseline/pkg/, served when
// `cargo xtask bench --baseline REV` has built it).
import "./mark.js?pyws_brython-start";
import "/baseline/pkg/pyws_brython.js";
import "./mark.js?pyws_brython-end";
