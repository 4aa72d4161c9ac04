use std::fs::File;
use std::io::BufReader;
use std::net::{TcpListener, TcpStream};

use bincode::Options;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub enum Message {
    Put { key: String, value: Vec<u8> },
    Get { key: String },
}

pub fn handle_client(mut stream: TcpStream) -> bincode::Result<()> {
    loop {
        // ruleid: rust-bincode-deserialize-from-reader-without-limit
        let msg: Message = bincode::deserialize_from(&mut stream)?;
        dispatch(msg);
    }
}

pub fn serve(listener: TcpListener) -> bincode::Result<()> {
    for conn in listener.incoming() {
        let conn = conn?;
        // ruleid: rust-bincode-deserialize-from-reader-without-limit
        let msg: Message = bincode::DefaultOptions::new().with_fixint_encoding().deserialize_from(&conn)?;
        dispatch(msg);
    }
    Ok(())
}

pub fn read_request(socket: &mut TcpStream) -> Result<Message, bincode::error::DecodeError> {
    // ruleid: rust-bincode-deserialize-from-reader-without-limit
    bincode::serde::decode_from_std_read(socket, bincode::config::standard())
}

pub fn handle_client_limited(mut stream: TcpStream) -> bincode::Result<()> {
    // ok: rust-bincode-deserialize-from-reader-without-limit
    let msg: Message = bincode::DefaultOptions::new().with_limit(64 * 1024).deserialize_from(&mut stream)?;
    dispatch(msg);
    Ok(())
}

pub fn read_request_limited(socket: &mut TcpStream) -> Result<Message, bincode::error::DecodeError> {
    let config = bincode::config::standard().with_limit::<65_536>();
    // ok: rust-bincode-deserialize-from-reader-without-limit
    bincode::serde::decode_from_std_read(socket, config)
}

pub fn load_snapshot(path: &str) -> bincode::Result<Vec<Message>> {
    let file = BufReader::new(File::open(path)?);
    // ok: rust-bincode-deserialize-from-reader-without-limit
    bincode::deserialize_from(file)
}

pub fn decode_frame(frame: &[u8]) -> bincode::Result<Message> {
    // ok: rust-bincode-deserialize-from-reader-without-limit
    bincode::deserialize(frame)
}

fn dispatch(_msg: Message) {}
