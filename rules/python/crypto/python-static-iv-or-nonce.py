import base64
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = base64.b64decode(os.environ["DATA_KEY"])
IV = b"1234567890abcdef"


def encrypt_ssn(ssn: str) -> str:
    # ruleid: python-static-iv-or-nonce
    cipher = AES.new(KEY, AES.MODE_CBC, IV)
    return base64.b64encode(cipher.encrypt(pad(ssn.encode(), AES.block_size))).decode()


def encrypt_ssn_safe(ssn: str) -> str:
    iv = os.urandom(16)
    # ok: python-static-iv-or-nonce
    cipher = AES.new(KEY, AES.MODE_CBC, iv)
    return base64.b64encode(iv + cipher.encrypt(pad(ssn.encode(), AES.block_size))).decode()


def encrypt_note(note: bytes) -> bytes:
    # ruleid: python-static-iv-or-nonce
    return AESGCM(KEY).encrypt(b"\x00" * 12, note, None)


def encrypt_note_safe(note: bytes) -> bytes:
    nonce = os.urandom(12)
    # ok: python-static-iv-or-nonce
    return nonce + AESGCM(KEY).encrypt(nonce, note, None)


def encrypt_backup(data: bytes) -> bytes:
    # ruleid: python-static-iv-or-nonce
    encryptor = Cipher(algorithms.AES(KEY), modes.CTR(bytes(16))).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def encrypt_legacy(data: bytes) -> bytes:
    # ruleid: python-static-iv-or-nonce
    cipher = AES.new(KEY, AES.MODE_CBC, iv=KEY[:16])
    return cipher.encrypt(pad(data, AES.block_size))


def encrypt_gcm_default_nonce(data: bytes) -> bytes:
    # ok: python-static-iv-or-nonce
    cipher = AES.new(KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext


def cipher_supported(algorithm) -> bool:
    # capability probe: no data is encrypted with this IV
    try:
        # ok: python-static-iv-or-nonce
        Cipher(algorithm, modes.CBC(b"\x00" * (algorithm.block_size // 8)))
        return True
    except ValueError:
        return False
