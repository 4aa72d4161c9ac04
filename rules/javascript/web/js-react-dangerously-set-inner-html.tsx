import DOMPurify from 'dompurify';
import { marked } from 'marked';
import React, { useEffect, useState } from 'react';

type Comment = { id: string; author: string; body: string; bodyHtml: string };

export function CommentList({ postId }: { postId: string }) {
  const [comments, setComments] = useState<Comment[]>([]);

  useEffect(() => {
    fetch(`/api/posts/${postId}/comments`)
      .then((r) => r.json())
      .then(setComments);
  }, [postId]);

  return (
    <ul className="comments">
      {comments.map((c) => (
        <li key={c.id}>
          <strong>{c.author}</strong>
          <div
            className="comment-body"
            // ruleid: js-react-dangerously-set-inner-html
            dangerouslySetInnerHTML={{ __html: c.bodyHtml }}
          />
        </li>
      ))}
    </ul>
  );
}

export function CommentListSafe({ comments }: { comments: Comment[] }) {
  return (
    <ul className="comments">
      {comments.map((c) => (
        <li key={c.id}>
          {/* ok: js-react-dangerously-set-inner-html */}
          <div className="comment-body">{c.body}</div>
          {/* ok: js-react-dangerously-set-inner-html */}
          <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(c.bodyHtml) }} />
        </li>
      ))}
    </ul>
  );
}

export function SanitizedBio({ bio }: { bio: string }) {
  const clean = DOMPurify.sanitize(bio, { USE_PROFILES: { html: true } });
  // ok: js-react-dangerously-set-inner-html
  return <section className="bio" dangerouslySetInnerHTML={{ __html: clean }} />;
}

export function ChatMessage({ content }: { content: string }) {
  // ruleid: js-react-dangerously-set-inner-html
  return <div className="assistant-message" dangerouslySetInnerHTML={{ __html: marked.parse(content) as string }} />;
}

function createMarkup(html: string) {
  // ruleid: js-react-dangerously-set-inner-html
  return { __html: html };
}

export function Bio({ bio }: { bio: string }) {
  return <section dangerouslySetInnerHTML={createMarkup(bio)} />;
}

export function Footer() {
  // ok: js-react-dangerously-set-inner-html
  return <footer dangerouslySetInnerHTML={{ __html: '&copy; 2025 Acme, Inc.' }} />;
}

export function Legacy({ html }: { html: string }) {
  // ruleid: js-react-dangerously-set-inner-html
  return React.createElement('div', { dangerouslySetInnerHTML: { __html: html } });
}

export function recordDifference(differences: Record<string, unknown>, key: string, html: string) {
  // ok: js-react-dangerously-set-inner-html
  differences[key] = { __html: html };
}
