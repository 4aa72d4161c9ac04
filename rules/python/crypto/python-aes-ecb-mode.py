import base64
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad, unpad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.fernet import Fernet

KEY = base64.b64decode(os.environ["FIELD_KEY"])


def encrypt_field(value: str) -> str:
    # ruleid: python-aes-ecb-mode
    cipher = AES.new(KEY, AES.MODE_ECB)
    return base64.b64encode(cipher.encrypt(pad(value.encode(), AES.block_size))).decode()


def decrypt_field(token: str) -> str:
    # ruleid: python-aes-ecb-mode
    cipher = AES.new(KEY, mode=AES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), AES.block_size).decode()


def encrypt_field_safe(value: str) -> str:
    # ok: python-aes-ecb-mode
    cipher = AES.new(KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(value.encode())
    return base64.b64encode(cipher.nonce + tag + ciphertext).decode()


def encrypt_block(block: bytes) -> bytes:
    # ruleid: python-aes-ecb-mode
    encryptor = Cipher(algorithms.AES(KEY), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def encrypt_stream(data: bytes) -> bytes:
    nonce = os.urandom(16)
    # ok: python-aes-ecb-mode
    encryptor = Cipher(algorithms.AES(KEY), modes.CTR(nonce)).encryptor()
    return nonce + encryptor.update(data) + encryptor.finalize()


def encrypt_token(data: bytes) -> bytes:
    # ok: python-aes-ecb-mode
    return Fernet(os.environ["FERNET_KEY"]).encrypt(data)
