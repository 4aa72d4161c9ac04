import ftplib
import imaplib
import os
import telnetlib

FTP_HOST = "ftp.partner.example"


def upload_invoice(path: str) -> None:
    # ruleid: python-cleartext-ftp-or-telnet
    ftp = ftplib.FTP(FTP_HOST)
    ftp.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
    with open(path, "rb") as fh:
        ftp.storbinary(f"STOR {os.path.basename(path)}", fh)
    ftp.quit()


def upload_invoice_safe(path: str) -> None:
    # ok: python-cleartext-ftp-or-telnet
    ftps = ftplib.FTP_TLS(FTP_HOST)
    ftps.login(os.environ["FTP_USER"], os.environ["FTP_PASSWORD"])
    ftps.prot_p()
    with open(path, "rb") as fh:
        ftps.storbinary(f"STOR {os.path.basename(path)}", fh)
    ftps.quit()


def reboot_switch(host: str) -> None:
    # ruleid: python-cleartext-ftp-or-telnet
    tn = telnetlib.Telnet(host, 23, timeout=10)
    tn.read_until(b"Password: ")
    tn.write(os.environ["SWITCH_PASSWORD"].encode() + b"\n")
    tn.write(b"reload\n")
    tn.close()


def unread_count(user: str, password: str) -> int:
    # ruleid: python-cleartext-ftp-or-telnet
    mail = imaplib.IMAP4("imap.example.com")
    mail.login(user, password)
    mail.select("INBOX")
    _, data = mail.search(None, "UNSEEN")
    return len(data[0].split())


def unread_count_starttls(user: str, password: str) -> int:
    # ok: python-cleartext-ftp-or-telnet
    mail = imaplib.IMAP4("imap.example.com")
    mail.starttls()
    mail.login(user, password)
    mail.select("INBOX")
    _, data = mail.search(None, "UNSEEN")
    return len(data[0].split())


def unread_count_safe(user: str, password: str) -> int:
    # ok: python-cleartext-ftp-or-telnet
    mail = imaplib.IMAP4_SSL("imap.example.com")
    mail.login(user, password)
    mail.select("INBOX")
    _, data = mail.search(None, "UNSEEN")
    return len(data[0].split())
