"""Thin wrapper around the OpenAI client, shared by the agent modules."""

from openai import OpenAI

client = OpenAI()


def complete(prompt, system="You are a coding assistant. Reply with code only."):
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": system},
            {"role": "user", "content": prompt},
        ],
    )
    return resp.choices[0].message.content


def token_count(text):
    return len(text.split())
