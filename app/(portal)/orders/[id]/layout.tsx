import { notFound } from "next/navigation";
import { orderExists } from "@/lib/orders/order-detail";

// Checked here, outside the page's loading boundary, so an unknown order answers 404.
export default async function OrderLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  if (!(await orderExists((await params).id))) notFound();
  return children;
}
