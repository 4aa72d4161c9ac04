use std::collections::HashMap;
use serde::Serialize;
use json::to_string;
use acme_tool::thing;
mod config;
use config::Settings;

fn main() {
    let _ = (HashMap::<u8, u8>::new(), to_string(&1), thing(), Settings);
}

#[derive(Serialize)]
struct S;
