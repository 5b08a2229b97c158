"""Offers a public key the server knows, signed with a different private key: what someone holding only the public
key can do. paramiko sends whatever public blob its key carries (the slot meant for certificates).

Usage: paramiko_wrong_signer.py HOST PORT USER SIGNING_KEY_FILE CLAIMED_PUBLIC_KEY_FILE
Exits 0 when the server refused the login, 1 if it let it in.
"""
import sys

import paramiko


def main():
    host, port, user, signing_key, claimed = sys.argv[1:6]
    key = paramiko.Ed25519Key.from_private_key_file(signing_key)
    key.public_blob = paramiko.PublicBlob.from_file(claimed)
    transport = paramiko.Transport((host, int(port)))
    try:
        transport.connect()
        transport.auth_publickey(user, key)
    except paramiko.AuthenticationException:
        print("refused")
        return 0
    finally:
        transport.close()
    print("accepted")
    return 1


sys.exit(main())
