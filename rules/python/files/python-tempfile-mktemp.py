import csv
import os
import subprocess
import tempfile


def export_report(rows: list[dict]) -> str:
    # ruleid: python-tempfile-mktemp
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    return path


def export_report_safe(rows: list[dict]) -> str:
    # ok: python-tempfile-mktemp
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as fh:
        writer = csv.DictWriter(fh, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
        return fh.name


def render_pdf(html: str) -> bytes:
    # ruleid: python-tempfile-mktemp
    html_path = tempfile.mktemp(suffix=".html", dir="/tmp")
    # ruleid: python-tempfile-mktemp
    pdf_path = tempfile.mktemp(suffix=".pdf", dir="/tmp")
    with open(html_path, "w") as fh:
        fh.write(html)
    subprocess.run(["wkhtmltopdf", html_path, pdf_path], check=True)
    with open(pdf_path, "rb") as fh:
        return fh.read()


def render_pdf_safe(html: str) -> bytes:
    # ok: python-tempfile-mktemp
    with tempfile.TemporaryDirectory() as workdir:
        html_path = os.path.join(workdir, "page.html")
        pdf_path = os.path.join(workdir, "page.pdf")
        with open(html_path, "w") as fh:
            fh.write(html)
        subprocess.run(["wkhtmltopdf", html_path, pdf_path], check=True)
        with open(pdf_path, "rb") as fh:
            return fh.read()


def scratch_file() -> str:
    # ok: python-tempfile-mktemp
    fd, path = tempfile.mkstemp(suffix=".bin")
    os.close(fd)
    return path
