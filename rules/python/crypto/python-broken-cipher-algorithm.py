import base64
import os

from Crypto.Cipher import AES, DES, DES3, ARC4
from Crypto.Util.Padding import pad, unpad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SECRET = os.environ["CARD_KEY"].encode()


def encrypt_card_number(card_number: str) -> str:
    iv = os.urandom(8)
    # ruleid: python-broken-cipher-algorithm
    cipher = DES3.new(SECRET[:24], DES3.MODE_CBC, iv)
    return base64.b64encode(iv + cipher.encrypt(pad(card_number.encode(), 8))).decode()


def encrypt_card_number_safe(card_number: str) -> str:
    nonce = os.urandom(12)
    # ok: python-broken-cipher-algorithm
    ciphertext = AESGCM(SECRET[:32]).encrypt(nonce, card_number.encode(), None)
    return base64.b64encode(nonce + ciphertext).decode()


def legacy_decrypt(token: bytes) -> bytes:
    # ruleid: python-broken-cipher-algorithm
    cipher = DES.new(SECRET[:8], DES.MODE_ECB)
    return unpad(cipher.decrypt(token), 8)


def obfuscate(data: bytes) -> bytes:
    # ruleid: python-broken-cipher-algorithm
    return ARC4.new(SECRET).encrypt(data)


def encrypt_blob(data: bytes) -> bytes:
    iv = os.urandom(8)
    # ruleid: python-broken-cipher-algorithm
    encryptor = Cipher(algorithms.Blowfish(SECRET[:16]), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(data) + encryptor.finalize()


def encrypt_blob_safe(data: bytes) -> bytes:
    iv = os.urandom(16)
    # ok: python-broken-cipher-algorithm
    encryptor = Cipher(algorithms.AES(SECRET[:32]), modes.CTR(iv)).encryptor()
    return iv + encryptor.update(data) + encryptor.finalize()


def encrypt_aes_gcm(data: bytes) -> bytes:
    # ok: python-broken-cipher-algorithm
    cipher = AES.new(SECRET[:32], AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext
