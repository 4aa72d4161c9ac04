import rsa
from Crypto.PublicKey import RSA
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa as crsa


def create_signing_key() -> bytes:
    # ruleid: python-rsa-key-too-small
    private_key = crsa.generate_private_key(public_exponent=65537, key_size=1024)
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def create_signing_key_safe() -> bytes:
    # ok: python-rsa-key-too-small
    private_key = crsa.generate_private_key(public_exponent=65537, key_size=3072)
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def create_license_keypair():
    # ruleid: python-rsa-key-too-small
    key = RSA.generate(1024)
    return key.export_key(), key.publickey().export_key()


def create_license_keypair_safe():
    # ok: python-rsa-key-too-small
    key = RSA.generate(2048)
    return key.export_key(), key.publickey().export_key()


def create_share_link_keys():
    # ruleid: python-rsa-key-too-small
    public_key, private_key = rsa.newkeys(512)
    return public_key, private_key


def create_ec_key():
    # ok: python-rsa-key-too-small
    return ec.generate_private_key(ec.SECP256R1())
