import os

OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]
ANTHROPIC_API_KEY = os.getenv("ANTHROPIC_API_KEY")
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://user:password@localhost:5432/app")
SECRET_KEY = "changeme"
api_key = "<your-api-key>"
token = "xxxxxxxxxxxxxxxx"
AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
password_field = "password"
TOKEN_TYPE = "bearer"
# sk-proj-this-is-a-comment-not-a-string-and-not-a-real-key-anyway-000000
