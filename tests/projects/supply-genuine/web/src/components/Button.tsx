import React from "react";
export function Button(): JSX.Element {
  return <button>ok</button>;
}
